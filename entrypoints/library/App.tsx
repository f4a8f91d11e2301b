import type { JSX } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import ArticleRow from '@/components/library/ArticleRow';
import BulkBar from '@/components/library/BulkBar';
import FilterBar from '@/components/library/FilterBar';
import Notice, { type NoticeProps } from '@/components/library/Notice';
import TagRename from '@/components/library/TagRename';
import TaskProgress from '@/components/library/TaskProgress';
import VirtualList from '@/components/library/VirtualList';
import {
  countBy,
  NO_FILTERS,
  siteOf,
  visibleCards,
  type LibraryFilters,
} from '@/lib/library/filters';
import { t, tCount } from '@/lib/i18n';
import { parseQuery, type QueryPart } from '@/lib/library/fold';
import type { SearchDoc, SearchHit } from '@/lib/library/search-index';
import { markMatches, snippet, type Segment } from '@/lib/library/snippet';
import type { ArticleBundle, LibraryCard } from '@/lib/library/types';
import { ask, restoreBundles } from './messages';
import type { ReaderProps } from './Reader';
import type { TaskState } from './tasks';
import { useLibrary } from './use-library';
import { useRowTexts } from './use-row-texts';
import PublishQueue from './PublishQueue';
import { canPickFolder } from '@/lib/publish/folder-publish';
import { activeTargetKind, loadPublishTarget, type TargetKind } from '@/lib/publish/target-store';
import Sync from './Sync';

const ROW_HEIGHT = 76;
const ROW_HEIGHT_SEARCH = 104;
const DELETE_BATCH = 500;

type NoticeState = Omit<NoticeProps, 'onDismiss'>;

const articles = (count: number) => tCount(count, 'n_articles_one', 'n_articles_other');

function routeOf(hash: string): { articleId: string | null } {
  const match = /^#\/article\/(.+)$/.exec(hash);
  return { articleId: match?.[1] ? decodeURIComponent(match[1]) : null };
}

export default function App() {
  const library = useLibrary();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<LibraryFilters>(NO_FILTERS);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [task, setTask] = useState<TaskState | null>(null);
  const [notice, setNotice] = useState<NoticeState | null>(null);
  const [route, setRoute] = useState(() => routeOf(location.hash));
  /** Where "Publish selected" goes; Downloads offers none. */
  const [publishKind, setPublishKind] = useState<TargetKind>('downloads');
  const [queueVersion, setQueueVersion] = useState(0);
  const lastToggledRef = useRef<string | null>(null);
  const firstRowsMarkedRef = useRef(false);

  useEffect(() => {
    const onHash = () => setRoute(routeOf(location.hash));
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    void loadPublishTarget().then((target) =>
      setPublishKind(activeTargetKind(target, canPickFolder(window))),
    );
  }, []);

  // Back from the reader, the keyboard focus returns to the title that opened it.
  const openedRef = useRef<string | null>(null);
  useEffect(() => {
    if (route.articleId) {
      openedRef.current = route.articleId;
      return;
    }
    const opened = openedRef.current;
    openedRef.current = null;
    if (opened)
      document
        .querySelector<HTMLElement>(`a[href="#/article/${CSS.escape(encodeURIComponent(opened))}"]`)
        ?.focus();
  }, [route.articleId]);

  // For the benchmark and for users' bug reports: when the first rows were on screen.
  useEffect(() => {
    if (!firstRowsMarkedRef.current && library.cards.length > 0) {
      firstRowsMarkedRef.current = true;
      performance.mark('library-first-rows');
    }
  }, [library.cards]);

  const parts = useMemo(() => parseQuery(query), [query]);
  const rowText = useRowTexts(library.db, library.version);
  const [found, setFound] = useState<{
    query: string;
    parts: QueryPart[];
    hits: SearchHit[];
  } | null>(null);
  useEffect(() => {
    const index = library.search;
    if (!parts.length || !index) {
      setFound(null);
      return;
    }
    let current = true;
    const start = performance.now();
    index.search(query).then(
      (hits) => {
        if (!current) return;
        performance.measure('library-search', { start, end: performance.now(), detail: query });
        setFound({ query, parts, hits });
      },
      (error: unknown) =>
        current &&
        setNotice({
          tone: 'error',
          message: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      current = false;
    };
    // `version` stands for the index's contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, library.search, library.version]);
  const hits: SearchHit[] | null = parts.length ? (found?.hits ?? null) : null;
  // The rows shown are the last answer's: marked by its query until the next answer comes.
  const shownParts = hits && found ? found.parts : parts;
  // A row's snippet folds its whole text: once per text and answer, not on every render.
  const snippets = useMemo(
    () => ({ parts: shownParts, byDoc: new WeakMap<SearchDoc, Segment[] | null>() }),
    [shownParts],
  );
  const snippetOf = (doc: SearchDoc) => {
    let segments = snippets.byDoc.get(doc);
    if (segments === undefined) {
      segments =
        snippet(doc.text, snippets.parts) ??
        snippet(doc.notes.replace(/\n/g, ' · '), snippets.parts);
      snippets.byDoc.set(doc, segments);
    }
    return segments;
  };

  const visible = useMemo(
    () => visibleCards(library.cards, library.byId, filters, hits),
    [library.cards, library.byId, filters, hits],
  );
  const tags = useMemo(() => countBy(library.cards, (c) => c.tags), [library.cards]);
  const sites = useMemo(() => countBy(library.cards, (c) => [siteOf(c)]), [library.cards]);
  const knownTags = useMemo(() => tags.map(([tag]) => tag), [tags]);

  const toggle = useCallback(
    (id: string, range: boolean) => {
      setSelected((current) => {
        const next = new Set(current);
        const anchor = lastToggledRef.current;
        if (range && anchor && anchor !== id) {
          const a = visible.findIndex((c) => c.id === anchor);
          const b = visible.findIndex((c) => c.id === id);
          if (a >= 0 && b >= 0) {
            const on = !current.has(id);
            for (const card of visible.slice(Math.min(a, b), Math.max(a, b) + 1)) {
              if (on) next.add(card.id);
              else next.delete(card.id);
            }
            lastToggledRef.current = id;
            return next;
          }
        }
        if (next.has(id)) next.delete(id);
        else next.add(id);
        lastToggledRef.current = id;
        return next;
      });
    },
    [visible],
  );

  const allVisibleSelected = visible.length > 0 && visible.every((c) => selected.has(c.id));
  const selectAllVisible = () =>
    setSelected(allVisibleSelected ? new Set() : new Set(visible.map((c) => c.id)));
  const selectedIds = () => visible.filter((c) => selected.has(c.id)).map((c) => c.id);

  const fail = (error: unknown) =>
    setNotice({ tone: 'error', message: error instanceof Error ? error.message : String(error) });

  const retag = async (ids: string[], add: string[], remove: string[]) => {
    try {
      const { changed } = await ask({ type: 'library:retag', ids, add, remove });
      const removeKeys = new Set(remove.map((t) => t.toLocaleLowerCase()));
      library.updateCards(ids, (card) => {
        const kept = card.tags.filter((t) => !removeKeys.has(t.toLocaleLowerCase()));
        const have = new Set(kept.map((t) => t.toLocaleLowerCase()));
        return { ...card, tags: [...kept, ...add.filter((t) => !have.has(t.toLocaleLowerCase()))] };
      });
      return changed;
    } catch (error) {
      fail(error);
      return 0;
    }
  };

  const renameTag = async (from: string, to: string) => {
    try {
      const { changed } = await ask({ type: 'library:rename-tag', from, to });
      const ids = library.cards.filter((c) => c.tags.includes(from)).map((c) => c.id);
      library.updateCards(ids, (card) => {
        const renamed = card.tags.map((t) => (t === from ? to : t));
        return { ...card, tags: renamed.filter((t, i) => renamed.indexOf(t) === i) };
      });
      if (filters.tag === from) setFilters({ ...filters, tag: to });
      setNotice({
        tone: 'success',
        message: t('library_renamed', from, to, articles(changed)),
      });
    } catch (error) {
      fail(error);
    }
  };

  const undoDelete = async (bundles: ArticleBundle[]) => {
    try {
      await restoreBundles(bundles);
      library.addBundles(bundles);
      setNotice({ tone: 'success', message: t('library_restored', articles(bundles.length)) });
    } catch (error) {
      fail(error);
    }
  };

  const deleteSelected = async () => {
    const ids = selectedIds();
    if (!ids.length) return;
    const deleted: ArticleBundle[] = [];
    try {
      for (let i = 0; i < ids.length; i += DELETE_BATCH) {
        deleted.push(
          ...(await ask({ type: 'library:delete', ids: ids.slice(i, i + DELETE_BATCH) })),
        );
      }
    } catch (error) {
      fail(error);
    }
    library.removeCards(deleted.map((b) => b.article.id));
    setSelected(new Set());
    const highlights = deleted.reduce((n, b) => n + b.highlights.length, 0);
    setNotice({
      tone: 'info',
      message: highlights
        ? t(
            'library_deleted_with_highlights',
            articles(deleted.length),
            tCount(highlights, 'n_highlights_one', 'n_highlights_other'),
          )
        : t('library_deleted', articles(deleted.length)),
      action: {
        label: t('action_undo'),
        run: () => void undoDelete(deleted),
        testId: 'undo-delete',
      },
    });
  };

  const exportIds = async (ids: string[], kind: 'export' | 'backup') => {
    const highlights = ids.reduce((n, id) => n + (library.byId.get(id)?.highlightCount ?? 0), 0);
    // Export, import and the reader load on first use: the list shows without them.
    const { runExport } = await import('./tasks');
    setNotice(await runExport(ids, kind, highlights, setTask));
  };

  const publishIds = async (ids: string[]) => {
    if (!ids.length) return;
    if (publishKind === 'folder') {
      const { publishSelectedToFolder } = await import('./publish-selected-folder');
      // The grant lapsed: the notice's button asks again (a new click) and publishes the same ones.
      setNotice(await publishSelectedToFolder(ids, setTask, () => void publishIds(ids)));
      return;
    }
    const { publishSelected } = await import('./publish-selected');
    setNotice(await publishSelected(ids, setTask));
    // What is waiting now shows in the queue.
    setQueueVersion((version) => version + 1);
  };

  const importFiles = async (files: File[]) => {
    if (!files.length) return;
    const { runImport } = await import('./tasks');
    const outcome = await runImport(files, setTask);
    setNotice(outcome);
    library.reload();
  };

  const busy = task !== null;
  const rowHeight = hits ? ROW_HEIGHT_SEARCH : ROW_HEIGHT;
  const renderRow = (card: LibraryCard) => {
    const doc = hits ? rowText(card.id) : undefined;
    return (
      <ArticleRow
        card={card}
        site={siteOf(card)}
        selected={selected.has(card.id)}
        title={markMatches(card.title, shownParts)}
        snippet={doc ? snippetOf(doc) : null}
        onToggle={toggle}
      />
    );
  };

  const countLabel = hits
    ? tCount(visible.length, 'library_matches_one', 'library_matches_other')
    : t('library_count', visible.length.toLocaleString(), library.total.toLocaleString());

  return (
    <>
      {/* Behind the open reader, the list is out of reach of the keyboard and screen readers. */}
      <main class="library" inert={route.articleId !== null}>
        <header class="library-header">
          <h1>{t('library_title')}</h1>
          <span
            class="library-count"
            data-testid="library-count"
            data-ready={library.ready ? 'true' : 'false'}
            data-query={hits ? found?.query : ''}
          >
            {countLabel}
            {!library.ready && library.queued > 0 && (
              <span class="indexing">
                {' · '}
                {t('library_indexing', library.queued.toLocaleString())}
              </span>
            )}
          </span>
          <div class="library-actions">
            <button
              type="button"
              data-testid="export-all"
              disabled={busy || library.cards.length === 0}
              onClick={() =>
                void exportIds(
                  library.cards.map((c) => c.id),
                  'export',
                )
              }
            >
              {t('library_export_all')}
            </button>
            <label class="file-button">
              {t('library_import_files')}
              <input
                type="file"
                multiple
                accept=".zip,.md,.markdown,application/zip,text/markdown"
                data-testid="import-input"
                disabled={busy}
                onChange={(event) => {
                  const input = event.currentTarget;
                  void importFiles([...(input.files ?? [])]).finally(() => (input.value = ''));
                }}
              />
            </label>
            <label class="file-button">
              {t('library_import_folder')}
              <input
                type="file"
                multiple
                // @ts-expect-error -- a non-standard attribute every browser we support reads
                webkitdirectory=""
                data-testid="import-folder-input"
                disabled={busy}
                onChange={(event) => {
                  const input = event.currentTarget;
                  void importFiles([...(input.files ?? [])]).finally(() => (input.value = ''));
                }}
              />
            </label>
            <button
              type="button"
              data-testid="backup"
              disabled={busy}
              title={t('library_backup_hint')}
              onClick={() =>
                void exportIds(
                  library.cards.map((c) => c.id),
                  'backup',
                )
              }
            >
              {t('library_backup')}
            </button>
          </div>
        </header>

        <Sync onSynced={library.reload} />
        <PublishQueue version={queueVersion} />
        {task && <TaskProgress {...task} />}
        {notice && <Notice {...notice} onDismiss={() => setNotice(null)} />}
        {library.error && (
          <Notice
            tone="error"
            message={t('library_read_failed', library.error)}
            action={{ label: t('library_try_again'), run: library.reload }}
          />
        )}

        <FilterBar
          query={query}
          filters={filters}
          tags={tags}
          sites={sites}
          onQuery={setQuery}
          onFilters={setFilters}
        />

        <div class="list-toolbar">
          <label class="check">
            <input
              type="checkbox"
              data-testid="select-all"
              checked={allVisibleSelected}
              onChange={selectAllVisible}
            />
            {t('library_select_all', visible.length.toLocaleString())}
          </label>
          <details class="manage-tags">
            <summary>{t('library_manage_tags')}</summary>
            <TagRename tags={tags} busy={busy} onRename={(from, to) => void renameTag(from, to)} />
          </details>
        </div>

        {selected.size > 0 && (
          <BulkBar
            count={selectedIds().length}
            knownTags={knownTags}
            busy={busy}
            onAddTag={(tag) => void retag(selectedIds(), [tag], [])}
            onRemoveTag={(tag) => void retag(selectedIds(), [], [tag])}
            onDelete={() => void deleteSelected()}
            onExport={() => void exportIds(selectedIds(), 'export')}
            canPublish={publishKind !== 'downloads'}
            onPublish={() => void publishIds(selectedIds())}
            onClear={() => setSelected(new Set())}
          />
        )}

        {library.ready && library.cards.length === 0 ? (
          <p class="empty" data-testid="library-empty">
            {t('library_empty')}
          </p>
        ) : (
          <VirtualList
            items={visible}
            rowHeight={rowHeight}
            getKey={(card) => card.id}
            renderRow={renderRow}
            label={t('library_list_label')}
          />
        )}
      </main>

      {route.articleId && (
        <LazyReader
          key={route.articleId}
          id={route.articleId}
          knownTags={knownTags}
          onCardChange={(bundle) => library.reindexNotes(bundle)}
          onTagsChange={(id, add, remove) => retag([id], add, remove)}
        />
      )}
    </>
  );
}

/** The reader, loaded when first opened (it brings DOMPurify and the anchoring code). */
function LazyReader(props: ReaderProps & { key?: string }) {
  const [Reader, setReader] = useState<((p: ReaderProps) => JSX.Element) | null>(null);
  useEffect(() => {
    void import('./Reader').then((module) => setReader(() => module.default));
  }, []);
  return Reader ? <Reader {...props} /> : <div class="reader" data-testid="reader-view" />;
}
