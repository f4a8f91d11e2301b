import { browser } from '#imports';

/**
 * A service worker has no `URL.createObjectURL`: the file goes out as a data URL.
 * `uniquify` keeps an earlier export of the same post instead of overwriting it.
 */
export async function downloadTextFile(fileName: string, content: string): Promise<number> {
  const url = `data:text/markdown;charset=utf-8,${encodeURIComponent(content)}`;
  return browser.downloads.download({
    url,
    filename: fileName,
    saveAs: false,
    conflictAction: 'uniquify',
  });
}
