import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import ArticlePreview from '@/components/ArticlePreview';
import ClipSummary from '@/components/ClipSummary';
import HighlightList from '@/components/HighlightList';
import ImageStatusLine from '@/components/ImageStatusLine';
import StatusLine, { type StatusLineProps } from '@/components/StatusLine';
import TagEditor from '@/components/TagEditor';
import { anchorInDom, describeRange } from '@/lib/anchoring/anchor-dom';
import { paintHighlight } from '@/lib/anchoring/paint';
import type { ImageStatus } from '@/lib/assets/image-status';
import { showStoredImages, type ShownImages } from '@/lib/storage/show-stored-images';
import { CLIP_MARKS, markClipStage } from '@/lib/clip-marks';
import { sanitizeArticleHtml } from '@/lib/extract/sanitize-html';
import { t } from '@/lib/i18n';
import { sendRequest } from '@/lib/messaging/client';
import type { Article, ExtractedArticle, Highlight, HighlightColor } from '@/lib/model';
import type { TargetKind } from '@/lib/publish/target-store';
import { downloadBlob, downloadText } from './download';
import { followImages, loadExportImages, loadPreviewImages } from './images';
import { publishedOnSave, publishSavedArticle, publishTarget } from './publish';
import type { PublishStatus } from './publish-status';
import { revisitEnabled, setRevisit } from './revisit';
import { targetTabId } from './target-tab';

type Status = Pick<StatusLineProps, 'tone' | 'message' | 'action'>;

function savedMessage(article: Article): string {
  return t('popup_saved_before', article.savedAt.slice(0, 10));
}

/** The selection inside `root`, if the user made one there. */
function selectionIn(root: HTMLElement | null): Range | null {
  const selection = document.getSelection();
  if (!root || !selection || selection.isCollapsed || !selection.rangeCount) return null;
  const range = selection.getRangeAt(0);
  return root.contains(range.commonAncestorContainer) && range.toString().trim() ? range : null;
}

export default function App() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [article, setArticle] = useState<ExtractedArticle | null>(null);
  const [saved, setSaved] = useState<Article | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const [highlights, setHighlights] = useState<Highlight[]>([]);
  const [orphanIds, setOrphanIds] = useState<Set<string>>(new Set());
  const [canHighlight, setCanHighlight] = useState(false);
  const [revisit, setRevisitState] = useState(false);
  const [status, setStatus] = useState<Status>({
    tone: 'info',
    message: t('popup_reading_page'),
  });
  const [noArticle, setNoArticle] = useState(false);
  const [busy, setBusy] = useState(false);
  const [imageStatus, setImageStatus] = useState<ImageStatus | null>(null);
  const [shownImages, setShownImages] = useState<ShownImages>(new Map());
  /** Where Publish goes; Downloads offers no Publish (Export is that). */
  const [publishKind, setPublishKind] = useState<TargetKind>('downloads');
  const [publishOnSave, setPublishOnSave] = useState(false);
  /** A publish that followed a save is running: Publish waits for it. */
  const [publishingOnSave, setPublishingOnSave] = useState(false);
  const [publishStatus, setPublishStatus] = useState<PublishStatus | null>(null);
  const previewRef = useRef<HTMLElement>(null);
  const shownImagesRef = useRef<ShownImages>(new Map());

  const loadHighlights = async (articleId: string) => {
    const result = await sendRequest({ type: 'highlight:list', articleId });
    if (result.ok) setHighlights(result.value);
  };

  const clip = async (id: number, mode: 'article' | 'selection') => {
    setStatus({
      tone: 'info',
      message: mode === 'article' ? t('popup_reading_page') : t('popup_reading_selection'),
    });
    markClipStage(CLIP_MARKS.extractRequested);
    const result = await sendRequest({ type: 'clip:extract', tabId: id, mode });
    markClipStage(CLIP_MARKS.extractAnswered);
    if (!result.ok) {
      setNoArticle(result.error.code === 'no-article' || result.error.code === 'no-selection');
      setStatus({ tone: 'error', message: result.error.message });
      return;
    }
    setNoArticle(false);
    setArticle(result.value);
    const found = await sendRequest({
      type: 'article:find',
      urls: [result.value.canonicalUrl, result.value.url],
    });
    const existing = found.ok ? found.value : null;
    setSaved(existing);
    if (existing) {
      setTags(existing.tags);
      await loadHighlights(existing.id);
      void loadPreviewImages(existing).then(setShownImages);
    }
    setStatus(
      existing
        ? { tone: 'success', message: savedMessage(existing) }
        : { tone: 'info', message: t('popup_not_saved') },
    );
  };

  // A layout effect runs before the first paint: the clip is asked for a frame sooner.
  useLayoutEffect(() => {
    void (async () => {
      void revisitEnabled().then(setRevisitState);
      const id = await targetTabId(location.search);
      if (id === null) {
        setStatus({ tone: 'error', message: t('popup_no_tab') });
        return;
      }
      setTabId(id);
      void sendRequest({ type: 'tags:list' }).then((known) => {
        if (known.ok) setKnownTags(known.value);
      });
      await clip(id, 'article');
    })();
    // Runs once, when the popup opens: later clips are the user's own clicks.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    // Effects run after the browser paints: the title is on screen.
    if (article) markClipStage(CLIP_MARKS.titleShown);
  }, [article]);

  const safeHtml = useMemo(() => (article ? sanitizeArticleHtml(article.html) : ''), [article]);

  // Paint the highlights in the preview; those that cannot be placed are listed as orphans.
  useEffect(() => {
    const root = previewRef.current;
    if (!root) return;
    root.innerHTML = safeHtml;
    const anchors = highlights.map((h) => ({ h, anchor: anchorInDom(root, h.articleSelectors) }));
    const orphans = new Set<string>();
    for (const { h, anchor } of anchors) {
      if (!anchor || !paintHighlight(root, anchor.range, h.id, h.color).length) orphans.add(h.id);
    }
    setOrphanIds(orphans);
    showStoredImages(root, shownImagesRef.current);
  }, [safeHtml, highlights]);

  // Kept images arrive after the save: swap their sources in place, so the user's selection in the
  // preview survives (rewriting the preview would drop it under the mouse).
  useEffect(() => {
    shownImagesRef.current = shownImages;
    if (previewRef.current) showStoredImages(previewRef.current, shownImages);
  }, [shownImages]);

  const saveClip = async (): Promise<Article | null> => {
    if (!article) return null;
    void navigator.storage?.persist?.(); // ask once that the library is never evicted under pressure
    const result = await sendRequest({
      type: 'article:save',
      article,
      tags,
      ...(tabId !== null ? { tabId } : {}),
    });
    if (!result.ok) {
      setStatus({ tone: 'error', message: result.error.message });
      return null;
    }
    setSaved(result.value.article);
    // The images are fetched after the save; the line follows their progress.
    const imagesKept = followImages(result.value.article.id, setImageStatus).then((kept) => {
      if (!kept) return;
      setSaved(kept);
      void loadPreviewImages(kept).then(setShownImages);
    });
    setStatus({
      tone: 'success',
      message: result.value.created ? t('popup_saved') : t('popup_updated'),
    });
    // "Publish on save", once the images are kept; the line says how it went.
    if (publishOnSave) {
      setPublishStatus({ tone: 'info', message: t('publish_on_save_working') });
      setPublishingOnSave(true);
      const articleId = result.value.article.id;
      // A repository is published by the background; a folder by this page, once the images are kept.
      const outcome =
        publishKind === 'folder'
          ? imagesKept.then(() => publishSavedArticle(articleId, 'folder', { askAccess: false }))
          : publishedOnSave(articleId);
      void outcome.then(setPublishStatus).finally(() => setPublishingOnSave(false));
    }
    return result.value.article;
  };

  const save = async () => {
    setBusy(true);
    await saveClip();
    setBusy(false);
  };

  const highlightSelection = async () => {
    const root = previewRef.current;
    const range = selectionIn(root);
    if (!root || !range) return;
    const quote = range.toString();
    const articleSelectors = describeRange(root, range);
    setCanHighlight(false);
    const target = saved ?? (await saveClip());
    if (!target) return;
    const result = await sendRequest({
      type: 'highlight:create',
      articleId: target.id,
      quote,
      note: '',
      color: 'yellow',
      articleSelectors,
    });
    document.getSelection()?.removeAllRanges();
    if (!result.ok) setStatus({ tone: 'error', message: result.error.message });
    else setHighlights([...highlights, result.value]);
  };

  const updateHighlight = async (
    id: string,
    changes: { note?: string; color?: HighlightColor },
  ) => {
    const result = await sendRequest({ type: 'highlight:update', id, ...changes });
    if (!result.ok) setStatus({ tone: 'error', message: result.error.message });
    else setHighlights(highlights.map((h) => (h.id === id ? result.value : h)));
  };

  const deleteHighlight = async (id: string) => {
    const result = await sendRequest({ type: 'highlight:delete', id });
    if (!result.ok || !result.value) return;
    const removed = result.value;
    setHighlights(highlights.filter((h) => h.id !== id));
    setStatus({
      tone: 'info',
      message: t('popup_highlight_deleted'),
      action: {
        label: t('action_undo'),
        run: () =>
          void sendRequest({ type: 'highlight:restore', highlight: removed }).then((restored) => {
            if (restored.ok) {
              setHighlights((current) => [...current, restored.value]);
              setStatus({ tone: 'success', message: t('popup_highlight_restored') });
            }
          }),
      },
    });
  };

  const exportPost = async () => {
    if (!article) return;
    setBusy(true);
    try {
      // Templates, YAML and pinyin load on the first export, not with the popup.
      const { renderExport } = await import('./render-export');
      const { images, blobs } = await loadExportImages(saved);
      const file = await renderExport(article, tags, highlights, saved?.savedAt ?? null, images);
      await downloadText(file.path, file.content);
      // The post's kept images go where its preset links them (Jekyll assets/, a Hugo bundle).
      for (const image of file.images ?? []) {
        const blob = blobs.get(image.hash);
        if (blob) await downloadBlob(image.path, blob);
      }
      setStatus({ tone: 'success', message: t('popup_exported', file.fileName) });
    } catch (error) {
      setStatus({
        tone: 'error',
        message: t('popup_export_failed', error instanceof Error ? error.message : String(error)),
      });
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    void publishTarget().then((target) => {
      setPublishKind(target.kind);
      setPublishOnSave(target.onSave);
    });
  }, []);

  const publish = async () => {
    if (!saved) return;
    setBusy(true);
    setPublishStatus({ tone: 'info', message: t('publish_working') });
    try {
      setPublishStatus(await publishSavedArticle(saved.id, publishKind));
    } finally {
      setBusy(false);
    }
  };

  const toggleRevisit = async (enabled: boolean) => {
    setRevisitState(await setRevisit(enabled).catch(() => false));
  };

  return (
    <main class="popup">
      <StatusLine {...status} />
      {noArticle && tabId !== null && (
        <button
          type="button"
          data-testid="clip-selection-button"
          onClick={() => void clip(tabId, 'selection')}
        >
          {t('popup_clip_selection')}
        </button>
      )}
      {article && (
        <>
          <ClipSummary article={article} />
          {imageStatus && <ImageStatusLine status={imageStatus} />}
          <ArticlePreview
            safeHtml={safeHtml}
            previewRef={previewRef}
            onSelectionEnd={() => setCanHighlight(selectionIn(previewRef.current) !== null)}
          />
          {canHighlight && (
            <button
              type="button"
              class="highlight-selection"
              data-testid="preview-highlight-button"
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => void highlightSelection()}
            >
              {t('popup_highlight_selection')}
            </button>
          )}
          <HighlightList
            highlights={highlights}
            orphanIds={orphanIds}
            onNote={(id, note) => void updateHighlight(id, { note })}
            onColor={(id, color) => void updateHighlight(id, { color })}
            onDelete={(id) => void deleteHighlight(id)}
          />
          <TagEditor
            tags={tags}
            knownTags={knownTags}
            keywords={article.keywords}
            onChange={setTags}
          />
          <div class="actions">
            <button
              type="button"
              class="primary"
              data-testid="save-button"
              disabled={busy}
              onClick={() => void save()}
            >
              {saved ? t('popup_update') : t('popup_save')}
            </button>
            <button
              type="button"
              data-testid="export-button"
              disabled={busy}
              onClick={() => void exportPost()}
            >
              {t('popup_export')}
            </button>
            {publishKind !== 'downloads' && saved && (
              <button
                type="button"
                data-testid="publish-button"
                disabled={busy || publishingOnSave}
                onClick={() => void publish()}
              >
                {t('publish_button')}
              </button>
            )}
          </div>
          {publishStatus && (
            <p
              class={`status status-${publishStatus.tone}`}
              data-testid="publish-status"
              role={publishStatus.tone === 'error' ? 'alert' : 'status'}
            >
              {publishStatus.message}
              {publishStatus.grant && (
                <button
                  type="button"
                  class="link-button"
                  data-testid="publish-grant"
                  disabled={busy}
                  onClick={() => void publish()}
                >
                  {t('folder_grant')}
                </button>
              )}
            </p>
          )}
        </>
      )}
      <label class="revisit">
        <input
          type="checkbox"
          data-testid="revisit-toggle"
          checked={revisit}
          onChange={(event) => void toggleRevisit(event.currentTarget.checked)}
        />
        {t('popup_revisit')}
      </label>
      <a class="open-library" href="/library.html" target="_blank" data-testid="open-library">
        {t('popup_open_library')}
      </a>
    </main>
  );
}
