/**
 * `npm run bench:popup`: how fast the popup shows the article after a real toolbar click
 * (`Extensions.triggerAction`) on the 36kr-style fixture page, in Debian's headless Chromium with the
 * shipped build. Median of RUNS runs in one browser (after one warm-up), broken down by the marks
 * the popup and the background leave (lib/clip-marks.ts); then the extraction's own time on the
 * same page, the load time of the popup's page with its script turned off (an empty extension
 * page), the JavaScript the popup loads before its first paint, and the injected scripts' sizes.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { CLIP_MARKS, type ClipMark } from '../lib/clip-marks';
import {
  EXTENSION_DIR,
  clickToolbarButton,
  launchExtensionBrowser,
  type ExtensionBrowser,
} from './support/extension-browser';
import { serveFolder } from './support/static-server';

const RUNS = Number(process.env.BENCH_RUNS ?? 10);
const PAGE = 'pages/eastmoney-36kr-wecom.html';
const EXPECTED_TITLE = '连接5亿微信活跃用户 企业微信还是选择「Hard」模式';

declare const gleanerClip: (mode: 'article') => { ok: boolean };

/** Marks as milliseconds since the epoch, so the popup's and the worker's can be compared. */
const READ_MARKS = `(() => Object.fromEntries(performance.getEntriesByType('mark')
  .filter((mark) => mark.name.startsWith('gleaner:'))
  .map((mark) => [mark.name, performance.timeOrigin + mark.startTime])))()`;

interface PopupRun {
  /** Milliseconds after the popup started loading. */
  stages: Partial<Record<ClipMark, number>>;
  firstPaint: number;
  /** Scripts the popup holds once the title is shown: [file, bytes]. */
  scripts: Array<[string, number]>;
  title: string;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');

/**
 * The popup a toolbar click opens is a target Playwright does not list: reach it through the
 * browser's DevTools session (a nested session, messages passed through `Target`).
 */
async function attachToPopup(cdp: CDPSession, extensionId: string) {
  const popupUrl = `chrome-extension://${extensionId}/popup.html`;
  let targetId: string | undefined;
  for (let tries = 0; !targetId; tries++) {
    if (tries > 500) throw new Error('The toolbar click opened no popup.');
    const { targetInfos } = await cdp.send('Target.getTargets');
    targetId = targetInfos.find((target) => target.url.startsWith(popupUrl))?.targetId;
    if (!targetId) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: false });
  let nextId = 1;
  const waiting = new Map<number, (message: { result?: unknown; error?: unknown }) => void>();
  const onMessage = (event: { sessionId?: string; message: string }) => {
    if (event.sessionId !== sessionId) return;
    const message = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message);
  };
  cdp.on('Target.receivedMessageFromTarget', onMessage);
  const send = async (method: string, params: object = {}): Promise<unknown> => {
    const id = nextId++;
    const answer = new Promise<{ result?: unknown; error?: unknown }>((resolve) =>
      waiting.set(id, resolve),
    );
    await cdp.send('Target.sendMessageToTarget', {
      sessionId,
      message: JSON.stringify({ id, method, params }),
    });
    const { result, error } = await answer;
    if (error) throw new Error(`${method}: ${JSON.stringify(error)}`);
    return result;
  };
  const evaluate = async <T>(expression: string): Promise<T> => {
    const result = (await send('Runtime.evaluate', { expression, returnByValue: true })) as {
      result: { value: T };
    };
    return result.result.value;
  };
  return {
    send,
    evaluate,
    async close() {
      cdp.off('Target.receivedMessageFromTarget', onMessage);
      await cdp.send('Target.closeTarget', { targetId: targetId! });
    },
  };
}

async function measurePopup(browser: ExtensionBrowser, page: Page, url: string): Promise<PopupRun> {
  await page.goto(url); // a fresh navigation: the last click's activeTab grant is gone
  const cdp = await browser.context.browser()!.newBrowserCDPSession();
  await clickToolbarButton(browser, page);
  const popup = await attachToPopup(cdp, browser.extensionId);
  const shown = `performance.getEntriesByName('${CLIP_MARKS.titleShown}').length > 0`;
  for (let tries = 0; !(await popup.evaluate<boolean>(shown)); tries++) {
    if (tries > 3000) throw new Error('The popup never showed the title.');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const origin = await popup.evaluate<number>('performance.timeOrigin');
  const firstPaint = await popup.evaluate<number>(
    `performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN`,
  );
  const title = await popup.evaluate<string>(
    `document.querySelector('[data-testid="clip-title"]')?.textContent ?? ''`,
  );
  const popupMarks = await popup.evaluate<Record<string, number>>(READ_MARKS);
  const { frameTree } = (await popup.send('Page.getResourceTree')) as {
    frameTree: { resources: Array<{ url: string; type: string; contentSize?: number }> };
  };
  await popup.close();
  const worker = await browser.worker();
  const workerMarks = (await worker.evaluate(READ_MARKS)) as Record<string, number>;
  await cdp.detach();
  const stages: PopupRun['stages'] = {};
  for (const [name, epoch] of Object.entries({ ...workerMarks, ...popupMarks })) {
    // A worker mark older than this popup is from an earlier run.
    if (epoch >= origin) stages[name as ClipMark] = epoch - origin;
  }
  const scripts = frameTree.resources
    .filter((resource) => resource.type === 'Script')
    .map((resource): [string, number] => {
      const file = new URL(resource.url).pathname;
      return [file, statSync(path.join(EXTENSION_DIR, file)).size];
    });
  return { stages, firstPaint, scripts, title };
}

/** The extraction alone: the built extractor run once in a freshly loaded page, as a click runs it. */
async function measureExtraction(page: Page, url: string): Promise<number> {
  await page.goto(url);
  await page.addScriptTag({ path: path.join(EXTENSION_DIR, 'extractor.js') });
  return page.evaluate(() => {
    const start = performance.now();
    const result = gleanerClip('article');
    if (!result.ok) throw new Error('The extractor found no article.');
    return performance.now() - start;
  });
}

/** The popup's own page with scripts turned off: what any extension page costs to open. */
async function measureEmptyPage(browser: ExtensionBrowser): Promise<number> {
  const page = await browser.context.newPage();
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Emulation.setScriptExecutionDisabled', { value: true });
  await page.goto(`chrome-extension://${browser.extensionId}/popup.html`);
  const loaded = await page.evaluate(
    () =>
      (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
  );
  await page.close();
  return loaded;
}

async function main() {
  const work = mkdtempSync(path.join(tmpdir(), 'gleaner-bench-popup-'));
  const server = await serveFolder('tests/fixtures');
  const browser = await launchExtensionBrowser({ profileDir: path.join(work, 'profile') });
  console.log(
    `bench:popup — ${RUNS} runs on ${PAGE}; ${cpus().length} cores, load average ${load()} at the start`,
  );
  try {
    const url = server.url(PAGE);
    const page = await browser.context.newPage();
    await measurePopup(browser, page, url); // warm-up: the first popup compiles what later ones reuse
    const runs: PopupRun[] = [];
    for (let run = 0; run < RUNS; run++) runs.push(await measurePopup(browser, page, url));
    const wrongTitle = runs.find((run) => run.title !== EXPECTED_TITLE);
    if (wrongTitle) throw new Error(`The popup showed "${wrongTitle.title}"`);

    const extraction: number[] = [];
    for (let run = 0; run < RUNS; run++) extraction.push(await measureExtraction(page, url));
    const empty: number[] = [];
    for (let run = 0; run < RUNS; run++) empty.push(await measureEmptyPage(browser));

    const stage = (mark: ClipMark) => median(runs.map((run) => run.stages[mark] ?? NaN));
    const toTitle = stage(CLIP_MARKS.titleShown);
    console.log(`time to the title shown: ${ms(toTitle)} after the popup starts loading`);
    const steps: Array<[string, ClipMark]> = [
      ['popup script running', CLIP_MARKS.popupScript],
      ['extract request sent', CLIP_MARKS.extractRequested],
      ['request in the background', CLIP_MARKS.extractReceived],
      ['extractor injected', CLIP_MARKS.extractorInjected],
      ['extraction done', CLIP_MARKS.extractionDone],
      ['answer in the popup', CLIP_MARKS.extractAnswered],
      ['title shown', CLIP_MARKS.titleShown],
    ];
    for (const [label, mark] of steps) console.log(`  ${label.padEnd(28)} ${ms(stage(mark))}`);
    console.log(`  first contentful paint       ${ms(median(runs.map((run) => run.firstPaint)))}`);

    const ownExtraction = median(extraction);
    const emptyPage = median(empty);
    const overhead = toTitle - ownExtraction;
    console.log(`extraction's own time on the page: ${ms(ownExtraction)}`);
    console.log(`empty extension page load: ${ms(emptyPage)}`);
    console.log(
      `popup overhead (title − extraction): ${ms(overhead)} = ${(overhead / emptyPage).toFixed(2)}× the empty page (goal ≤ 2×)`,
    );

    const scripts = runs.at(-1)!.scripts;
    const total = scripts.reduce((sum, [, bytes]) => sum + bytes, 0);
    console.log(`JavaScript loaded before the title is shown: ${kb(total)} (goal ≤ 250 kB)`);
    for (const [file, bytes] of [...scripts].sort((a, b) => b[1] - a[1]))
      console.log(`  ${kb(bytes).padStart(9)}  ${file}`);
    for (const file of ['extractor.js', 'highlighter.js'])
      console.log(`${file}: ${kb(statSync(path.join(EXTENSION_DIR, file)).size)}`);
    console.log(
      `runs (time to title, ms): ${runs.map((run) => run.stages[CLIP_MARKS.titleShown]?.toFixed(0)).join(' ')}`,
    );
    console.log(`load average ${load()} at the end`);
  } finally {
    await browser.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
