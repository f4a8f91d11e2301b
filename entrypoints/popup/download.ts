import { browser } from '#imports';

/**
 * Saves a text file through the downloads API from this page (a service worker cannot make
 * Blob URLs). `path` may hold folders, e.g. `_posts/2022-01-12-slug.md`.
 */
export async function downloadText(
  path: string,
  content: string,
  type = 'text/markdown',
): Promise<void> {
  await downloadBlob(path, new Blob([content], { type: `${type};charset=utf-8` }));
}

/** Saves bytes (a kept image) at `path` inside the downloads folder. */
export async function downloadBlob(path: string, blob: Blob): Promise<void> {
  const url = URL.createObjectURL(blob);
  try {
    await browser.downloads.download({
      url,
      filename: path,
      saveAs: false,
      conflictAction: 'uniquify',
    });
  } finally {
    // The download has its own copy once started; keep the URL a moment for slow starts.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
}
