import { useEffect, useMemo, useState } from 'preact/hooks';
import ArticlePreview from '@/components/ArticlePreview';
import ClipSummary from '@/components/ClipSummary';
import StatusLine from '@/components/StatusLine';
import TagEditor from '@/components/TagEditor';
import { sanitizeArticleHtml } from '@/lib/extract/sanitize-html';
import { sendRequest } from '@/lib/messaging/client';
import type { Article, ExtractedArticle } from '@/lib/model';
import { targetTabId } from './target-tab';

type Status = { tone: 'info' | 'success' | 'error'; message: string };

function savedMessage(article: Article): string {
  return `Saved in your library (first saved ${article.savedAt.slice(0, 10)}). Save again to update it.`;
}

export default function App() {
  const [tabId, setTabId] = useState<number | null>(null);
  const [article, setArticle] = useState<ExtractedArticle | null>(null);
  const [saved, setSaved] = useState<Article | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [knownTags, setKnownTags] = useState<string[]>([]);
  const [status, setStatus] = useState<Status>({ tone: 'info', message: 'Reading the page…' });
  const [noArticle, setNoArticle] = useState(false);
  const [busy, setBusy] = useState(false);

  const clip = async (id: number, mode: 'article' | 'selection') => {
    setStatus({
      tone: 'info',
      message: mode === 'article' ? 'Reading the page…' : 'Reading the selection…',
    });
    const result = await sendRequest({ type: 'clip:extract', tabId: id, mode });
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
    if (existing) setTags(existing.tags);
    setStatus(
      existing
        ? { tone: 'success', message: savedMessage(existing) }
        : { tone: 'info', message: 'Not saved yet.' },
    );
  };

  useEffect(() => {
    void (async () => {
      const id = await targetTabId(location.search);
      if (id === null) {
        setStatus({ tone: 'error', message: 'No tab to clip.' });
        return;
      }
      setTabId(id);
      const known = await sendRequest({ type: 'tags:list' });
      if (known.ok) setKnownTags(known.value);
      await clip(id, 'article');
    })();
  }, []);

  const safeHtml = useMemo(() => (article ? sanitizeArticleHtml(article.html) : ''), [article]);

  const save = async () => {
    if (!article) return;
    setBusy(true);
    void navigator.storage?.persist?.(); // ask once that the library is never evicted under pressure
    const result = await sendRequest({ type: 'article:save', article, tags });
    setBusy(false);
    if (!result.ok) {
      setStatus({ tone: 'error', message: result.error.message });
      return;
    }
    setSaved(result.value.article);
    setStatus({
      tone: 'success',
      message: result.value.created ? 'Saved to your library.' : 'Updated in your library.',
    });
  };

  const exportPost = async () => {
    if (!article) return;
    setBusy(true);
    const result = await sendRequest({ type: 'article:export', article, tags });
    setBusy(false);
    setStatus(
      result.ok
        ? { tone: 'success', message: `Exported ${result.value.fileName}` }
        : { tone: 'error', message: result.error.message },
    );
  };

  return (
    <main class="popup">
      <StatusLine tone={status.tone} message={status.message} />
      {noArticle && tabId !== null && (
        <button
          type="button"
          data-testid="clip-selection-button"
          onClick={() => void clip(tabId, 'selection')}
        >
          Clip the selection
        </button>
      )}
      {article && (
        <>
          <ClipSummary article={article} />
          <ArticlePreview safeHtml={safeHtml} />
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
              {saved ? 'Update' : 'Save'}
            </button>
            <button
              type="button"
              data-testid="export-button"
              disabled={busy}
              onClick={() => void exportPost()}
            >
              Export .md
            </button>
          </div>
        </>
      )}
    </main>
  );
}
