/**
 * `npm run demo [-- --preset jekyll|hugo|obsidian]`: clips the bundled sample news pages in headless
 * Chromium through the built extension — the options page sets the preset, then toolbar click,
 * popup, tags, save, export — and prints where the posts landed. demo-output/ is the downloads
 * folder, so files sit at their preset's path: `_posts/…` (Jekyll, the default), `content/posts/…`
 * (Hugo), `Clippings/…` (Obsidian).
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PRESET_FOLDERS } from '../lib/export/export-settings';
import { parseFrontMatter } from '../lib/export/front-matter';
import { launchExtensionBrowser, openPopupFor } from './support/extension-browser';
import { serveFolder } from './support/static-server';

const SAMPLES = [
  { page: 'pages/eastmoney-36kr-wecom.html', tags: ['36氪新闻'] },
  { page: 'pages/harbor-ferry-news.html', tags: ['transport', 'city life'] },
];

type DemoPreset = keyof typeof PRESET_FOLDERS;
const PRESETS = Object.keys(PRESET_FOLDERS) as DemoPreset[];

function presetFromArgs(args: readonly string[]): DemoPreset {
  const at = args.findIndex((arg) => arg === '--preset' || arg.startsWith('--preset='));
  if (at < 0) return 'jekyll';
  const value = args[at]!.includes('=') ? args[at]!.split('=')[1] : args[at + 1];
  if (!PRESETS.includes(value as DemoPreset)) {
    throw new Error(`--preset must be one of ${PRESETS.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return value as DemoPreset;
}

const outputDir = path.resolve('demo-output');

function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((name) =>
    name.endsWith('.md'),
  );
}

async function waitForNewFile(before: Set<string>, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const added = markdownFiles(outputDir).find((name) => !before.has(name));
    if (added) return path.join(outputDir, added);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The export did not produce a file in time.');
}

async function main(): Promise<void> {
  const preset = presetFromArgs(process.argv.slice(2));
  const folder = path.join(outputDir, PRESET_FOLDERS[preset]);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });
  const profileDir = mkdtempSync(path.join(tmpdir(), 'gleaner-demo-'));
  const server = await serveFolder('tests/fixtures');
  const browser = await launchExtensionBrowser({ profileDir, downloadsDir: outputDir });
  const written: string[] = [];
  try {
    const options = await browser.context.newPage();
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByTestId('preset-select').selectOption(preset);
    await options.getByText(/^Exports are now .+ posts\.$/).waitFor({ timeout: 20_000 });
    // Pictures are kept with the articles and exported beside the posts (issue 15).
    await options.getByTestId('save-images').check();
    await options.getByText('Image setting saved.').waitFor({ timeout: 20_000 });
    await options.close();
    console.log(`preset: ${preset} (set on the options page)`);

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
      await popup.getByText(/^\d+ of \d+ images saved$/).waitFor({ timeout: 30_000 });
      const before = new Set(markdownFiles(outputDir));
      await popup.getByTestId('export-button').click();
      const file = await waitForNewFile(before);
      if (path.dirname(file) !== folder) {
        rmSync(file);
        throw new Error(
          `The popup wrote ${path.relative(outputDir, file)}, not a ${preset} post under ` +
            `${PRESET_FOLDERS[preset]}/: it does not export with the chosen preset yet.`,
        );
      }
      parseFrontMatter(readFileSync(file, 'utf8')); // throws on front matter that does not parse
      written.push(file);
      console.log(`clipped ${sample.page} → ${path.relative(process.cwd(), file)}`);
      console.log(`  ${await popup.getByTestId('image-status').textContent()}`);
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
  console.log(`\n${written.length} posts written to ${path.relative(process.cwd(), folder)}/`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
