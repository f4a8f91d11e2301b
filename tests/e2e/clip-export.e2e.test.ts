import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFrontMatter } from '@/lib/export/front-matter';
import { m3TokenF1 } from '@/scripts/eval/metrics';
import {
  launchExtensionBrowser,
  openPopupFor,
  type ExtensionBrowser,
} from '@/scripts/support/extension-browser';
import { serveFolder, type StaticServer } from '@/scripts/support/static-server';
import { SEED_POST_PATH } from '../support/fixtures';
import { waitForFile } from './support/downloads';

const SEED = readFileSync(SEED_POST_PATH, 'utf8');
const SOURCE_URL = 'http://finews.zning.xyz/html_News/NewsShare.html?infoCode=NW202201122245569511';

/** The seed's body is HTML: its text, without the user's own back-links after the source link. */
function seedArticleText(): string {
  const body = parseFrontMatter(SEED).body;
  const article = body.slice(0, body.indexOf(`<${SOURCE_URL}>`));
  return article.replace(/<[^>]+>/g, '\n');
}

/** Markdown → the words a reader sees (image syntax and link targets are not text). */
function markdownText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<https?:[^>]+>/g, ' ');
}

describe('clip, tag, save and export a Chinese news page', () => {
  let server: StaticServer;
  let browser: ExtensionBrowser | undefined;
  const work = mkdtempSync(path.join(tmpdir(), 'gleaner-e2e-'));
  const profileDir = path.join(work, 'profile');
  const downloadsDir = path.join(work, 'downloads');
  const pageUrl = () => server.url('pages/eastmoney-36kr-wecom.html');

  beforeAll(async () => {
    server = await serveFolder('tests/fixtures');
  });

  afterAll(async () => {
    await browser?.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('clicks the toolbar button, tags, saves and exports the seed post', async () => {
    browser = await launchExtensionBrowser({ profileDir, downloadsDir });
    const page = await browser.context.newPage();
    await page.goto(pageUrl());
    const popup = await openPopupFor(browser, page);

    await expect
      .poll(() => popup.getByTestId('clip-title').textContent(), { timeout: 20_000 })
      .toBe('连接5亿微信活跃用户 企业微信还是选择「Hard」模式');
    await expect.poll(() => popup.getByTestId('status').textContent()).toContain('Not saved');

    await popup.getByTestId('tag-input').fill('36氪新闻');
    await popup.getByTestId('tag-input').press('Enter');
    await expect
      .poll(() => popup.getByTestId('tag-chip').allTextContents())
      .toEqual([expect.stringContaining('36氪新闻')]);

    await popup.getByTestId('save-button').click();
    await expect
      .poll(() => popup.getByTestId('status').textContent())
      .toContain('Saved to your library');
    await popup.screenshot({ path: 'docs/screenshots/popup.png' });

    await popup.getByTestId('export-button').click();
    await expect
      .poll(() => popup.getByTestId('status').textContent())
      .toMatch(/Exported 2022-01-12-.+\.md/);
    const file = await waitForFile(
      path.join(downloadsDir, '_posts'),
      /^2022-01-12-[a-z0-9-]+\.md$/,
    );
    const exported = readFileSync(file, 'utf8');

    const { data, body } = parseFrontMatter(exported);
    expect(data).toMatchObject({
      layout: 'post',
      title: '连接5亿微信活跃用户 企业微信还是选择「Hard」模式',
      date: '2022-01-12 21:56:33 +0800',
    });
    expect(data.categories).toContain('36ke');
    expect(data.tags).toContain('36氪新闻');
    // Jekyll reads front matter as YAML 1.1: the title must survive that parser too.
    const frontMatter = exported.split('\n---\n')[0]!.replace(/^---\n/, '');
    expect(parseYaml(frontMatter, { version: '1.1' }).title).toBe(data.title);

    const lines = body.trim().split('\n');
    expect(lines.at(-1)).toBe(`<${SOURCE_URL}>`);
    const article = lines.slice(0, -1).join('\n');
    const f1 = m3TokenF1(markdownText(article), seedArticleText());
    expect(f1).toBeGreaterThanOrEqual(0.97);
    for (const clutter of [
      '东方财富网首页',
      '相关阅读',
      '网友评论',
      '股友abc123',
      '腾讯控股(00700)',
      '最新价',
      '热门文章',
      '关于我们',
      '开户送好礼',
      '查看全部12条评论',
    ]) {
      expect(article).not.toContain(clutter);
    }
    await popup.close();
    await page.close();
    await browser.close();
    browser = undefined;
  });

  it('still has the article and its tags after the browser is relaunched on the same profile', async () => {
    browser = await launchExtensionBrowser({ profileDir, downloadsDir });
    const page = await browser.context.newPage();
    await page.goto(pageUrl());
    const popup = await openPopupFor(browser, page);
    await expect
      .poll(() => popup.getByTestId('status').textContent(), { timeout: 20_000 })
      .toContain('Saved in your library');
    expect(await popup.getByTestId('tag-chip').allTextContents()).toEqual([
      expect.stringContaining('36氪新闻'),
    ]);
    expect(await popup.getByTestId('save-button').textContent()).toBe('Update');
  });
});
