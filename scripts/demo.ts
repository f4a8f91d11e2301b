/**
 * `npm run demo`: clips the bundled sample news pages in headless Chromium through the built
 * extension — toolbar click, popup, background, download — and writes the posts to
 * demo-output/_posts/, printing their paths.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchExtensionBrowser, openPopupFor } from './support/extension-browser';
import { serveFolder } from './support/static-server';

const SAMPLES = [
  { page: 'pages/eastmoney-36kr-wecom.html', tags: ['36氪新闻'] },
  { page: 'pages/harbor-ferry-news.html', tags: ['transport', 'city life'] },
];

const outputDir = path.resolve('demo-output/_posts');

async function waitForNewFile(
  dir: string,
  before: Set<string>,
  timeoutMs = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const added = readdirSync(dir).find((name) => !before.has(name) && name.endsWith('.md'));
    if (added) return path.join(dir, added);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The export did not produce a file in time.');
}

async function main(): Promise<void> {
  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });
  const profileDir = mkdtempSync(path.join(tmpdir(), 'gleaner-demo-'));
  const server = await serveFolder('tests/fixtures');
  const browser = await launchExtensionBrowser({ profileDir, downloadsDir: outputDir });
  const written: string[] = [];
  try {
    for (const sample of SAMPLES) {
      const page = await browser.context.newPage();
      await page.goto(server.url(sample.page));
      const popup = await openPopupFor(browser, page);
      await popup.getByTestId('clip-title').waitFor({ timeout: 20_000 });
      for (const tag of sample.tags) {
        await popup.getByTestId('tag-input').fill(tag);
        await popup.getByTestId('tag-input').press('Enter');
      }
      await popup.getByTestId('save-button').click();
      await popup.getByText(/Saved to your library|Updated in your library/).waitFor();
      const before = new Set(readdirSync(outputDir));
      await popup.getByTestId('export-button').click();
      const file = await waitForNewFile(outputDir, before);
      written.push(file);
      console.log(`clipped ${sample.page} → ${path.relative(process.cwd(), file)}`);
      await popup.close();
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
  if (!written.length || !written.every((file) => existsSync(file)))
    throw new Error('No post was written.');
  console.log(`\n${written.length} posts written to ${path.relative(process.cwd(), outputDir)}/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
