/**
 * Anchoring benchmark (issue 3): make highlights at seeded random places in the article text
 * of every corpus page, apply the changes real pages go through, re-anchor, and count right,
 * wrong and orphaned placements per change. `npm run bench:anchoring [-- corpus-dir]`.
 *
 * Each change is applied to the parsed page itself and undone afterwards from
 * MutationObserver records (cloning the page per trial was most of the run time). The
 * expected place after a change is tracked with two empty marker elements at the
 * highlight's ends: they carry no text, so they change no offsets, and they are taken out
 * before re-anchoring.
 *
 * BENCH_WORKERS (default: cores, at most 2), and for tuning BENCH_EVERY=n (every n-th page),
 * BENCH_ONLY=name (one page) and BENCH_VERBOSE=1 (every wrong or orphaned placement).
 */
import { fork } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { JSDOM, VirtualConsole } from 'jsdom';
import { anchorInDom, describeRange } from '../lib/anchoring/anchor-dom';
import { pointToOffset, rangeToSpan, spanToRange, textOf } from '../lib/anchoring/dom-text';
import type { TextNodeSlice } from '../lib/anchoring/dom-text';
import { inkToRawSpan, rawToInkOffset, toInk } from '../lib/anchoring/ink-text';
import type { Selector, TextSpan } from '../lib/anchoring/types';

const SEED = 20250601;
const PER_KIND = 3; // highlights of each kind per page
const MIN_BODY_TEXT = 300;
const here = dirname(fileURLToPath(import.meta.url));
const corpusDir = resolve(process.argv[2] ?? join(here, '../../shared/corpus'));

// ---------------------------------------------------------------------------------------------
// Seeded randomness.

type Rng = () => number;

function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

const int = (rng: Rng, min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
function pick<T>(rng: Rng, items: readonly T[]): T | undefined {
  return items.length ? items[Math.floor(rng() * items.length)] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Pages.

interface PageJson {
  decode_as: string;
  lang: string;
  ground_truth_text: string;
}

interface Page {
  name: string;
  cjk: boolean;
  dom: JSDOM;
  body: HTMLElement;
  truth: string;
  /** Words (CJK: characters) of the page, to write replacement text from. */
  vocabulary: string[];
  latinWords: string[];
}

function loadPage(name: string): Page | string {
  const json = JSON.parse(readFileSync(join(corpusDir, `${name}.json`), 'utf8')) as PageJson;
  const bytes = readFileSync(join(corpusDir, `${name}.html`));
  const html = new TextDecoder(json.decode_as, { fatal: false }).decode(bytes);
  let dom: JSDOM;
  try {
    // A silent console: jsdom reports every stylesheet it cannot parse.
    dom = new JSDOM(html, { virtualConsole: new VirtualConsole() });
  } catch {
    try {
      // jsdom's CSS parser throws on some stylesheets; their content is irrelevant here.
      dom = new JSDOM(html.replace(/(<style\b[^>]*>)[\s\S]*?(<\/style>)/gi, '$1$2'), {
        virtualConsole: new VirtualConsole(),
      });
    } catch {
      return 'jsdom failed';
    }
  }
  const body = dom.window.document.body;
  const { text } = textOf(body);
  if (text.trim().length < MIN_BODY_TEXT) {
    dom.window.close();
    return 'body text under 300 chars';
  }
  const cjk = json.lang === 'zh' || json.lang === 'ja';
  const latinWords = text.match(/\p{L}{3,}/gu) ?? [];
  const vocabulary = cjk ? (text.match(new RegExp(CJK_CHAR, 'gu')) ?? []) : latinWords;
  return { name, cjk, dom, body, truth: json.ground_truth_text, vocabulary, latinWords };
}

// ---------------------------------------------------------------------------------------------
// Choosing highlights in the article text.

type Kind = 'short' | 'sentence' | 'spanning';

interface Highlight {
  kind: Kind;
  span: TextSpan;
  selectors: Selector[];
  quoteInk: string;
}

const BLOCK = new Set(
  (
    'ADDRESS ARTICLE ASIDE BLOCKQUOTE BODY DD DIV DL DT FIELDSET FIGCAPTION FIGURE FOOTER FORM ' +
    'H1 H2 H3 H4 H5 H6 HEADER HR LI MAIN NAV OL P PRE SECTION TABLE TBODY THEAD TR TD TH UL CAPTION'
  ).split(' '),
);

function blockOf(node: Node): Element | null {
  for (let n: Node | null = node; n; n = n.parentNode) {
    if (n.nodeType === 1 && BLOCK.has(n.nodeName.toUpperCase())) return n as Element;
  }
  return null;
}

/** Article lines (from the ground truth) located in the page text, in page order. */
interface Line {
  start: number; // raw offsets in the page text
  end: number;
}

function findLines(page: Page, text: string): Line[] {
  const inkText = toInk(text);
  const lines: Line[] = [];
  let from = 0;
  for (const line of page.truth.split('\n')) {
    const lineInk = toInk(line).ink;
    if (lineInk.length < 12) continue;
    const at = inkText.ink.indexOf(lineInk, from);
    if (at === -1) continue;
    lines.push(inkToRawSpan(inkText, at, at + lineInk.length));
    from = at + lineInk.length;
  }
  return lines;
}

const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/;

/** Word (or, in CJK text, character) boundaries of `text` inside `[start, end)`. */
function tokens(text: string, line: Line, cjk: boolean): TextSpan[] {
  const out: TextSpan[] = [];
  const segment = text.slice(line.start, line.end);
  const pattern = cjk ? /\S/gu : /\S+/gu;
  for (const m of segment.matchAll(pattern)) {
    const start = line.start + (m.index ?? 0);
    out.push({ start, end: start + m[0].length });
  }
  return out;
}

function chooseHighlights(page: Page, rng: Rng): Highlight[] {
  const { text } = textOf(page.body);
  const lines = findLines(page, text);
  const spans: { kind: Kind; span: TextSpan }[] = [];
  const add = (kind: Kind, span: TextSpan | undefined) => {
    // A passage needs a word to change (row 5).
    if (
      span &&
      /[\p{L}\p{N}]{2,}|[\u3040-\u30ff\u3400-\u9fff]/u.test(text.slice(span.start, span.end))
    ) {
      spans.push({ kind, span });
    }
  };
  for (
    let i = 0;
    i < PER_KIND * 4 && spans.filter((s) => s.kind === 'short').length < PER_KIND;
    i++
  ) {
    const line = pick(rng, lines);
    if (!line) break;
    const cjk = page.cjk && CJK_CHAR.test(text.slice(line.start, line.end));
    const words = tokens(text, line, cjk);
    const count = cjk ? int(rng, 3, 8) : int(rng, 2, 5);
    if (words.length < count) continue;
    const first = int(rng, 0, words.length - count);
    add('short', { start: words[first]!.start, end: words[first + count - 1]!.end });
  }
  for (
    let i = 0;
    i < PER_KIND * 4 && spans.filter((s) => s.kind === 'sentence').length < PER_KIND;
    i++
  ) {
    const line = pick(rng, lines);
    if (!line) break;
    const segment = text.slice(line.start, line.end);
    const sentences = [...segment.matchAll(/[^.!?。！？]+[.!?。！？]+["'”’」)\]]*/gu)]
      .map((m) => ({
        start: line.start + (m.index ?? 0),
        end: line.start + (m.index ?? 0) + m[0].length,
      }))
      .map((s) => trimSpan(text, s))
      .filter((s) => toInk(text.slice(s.start, s.end)).ink.length >= 15);
    const sentence = pick(rng, sentences.length ? sentences : [trimSpan(text, line)]);
    if (sentence && sentence.end - sentence.start <= 600) add('sentence', sentence);
  }
  for (
    let i = 0;
    i < PER_KIND * 6 && spans.filter((s) => s.kind === 'spanning').length < PER_KIND;
    i++
  ) {
    const index = int(rng, 0, lines.length - 2);
    const a = lines[index];
    const b = lines[index + 1];
    if (!a || !b) break;
    if (toInk(text.slice(a.end, b.start)).ink.length > 0) continue;
    const cjk = page.cjk && CJK_CHAR.test(text.slice(a.start, b.end));
    const wordsA = tokens(text, a, cjk);
    const wordsB = tokens(text, b, cjk);
    if (wordsA.length < 2 || wordsB.length < 2) continue;
    const first = wordsA[int(rng, Math.floor(wordsA.length / 2), wordsA.length - 1)]!;
    const last = wordsB[int(rng, 0, Math.ceil(wordsB.length / 2) - 1)]!;
    const span = { start: first.start, end: last.end };
    if (span.end - span.start > 1500) continue;
    const range = spanToRange(page.body, span);
    if (blockOf(range.startContainer) === blockOf(range.endContainer)) continue;
    add('spanning', span);
  }
  return spans.map(({ kind, span }) => ({
    kind,
    span,
    selectors: describeRange(page.body, spanToRange(page.body, span)),
    quoteInk: toInk(text.slice(span.start, span.end)).ink,
  }));
}

function trimSpan(text: string, span: TextSpan): TextSpan {
  let { start, end } = span;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  return { start, end };
}

// ---------------------------------------------------------------------------------------------
// Changes, applied to the page with the two markers at the highlight's ends.

interface Trial {
  page: Page;
  body: HTMLElement;
  startMarker: Element;
  endMarker: Element;
  rng: Rng;
  quoteInk: string;
  /** The page's text nodes with the markers in, and the highlight's span among them. */
  slices: TextNodeSlice[];
  span: TextSpan;
}

/** Text nodes before, inside and after the highlight (the markers split nodes at its ends). */
const slicesBefore = (t: Trial) => t.slices.filter((s) => s.end <= t.span.start);
const slicesInside = (t: Trial) =>
  t.slices.filter((s) => s.start >= t.span.start && s.end <= t.span.end);
const slicesAfter = (t: Trial) => t.slices.filter((s) => s.start >= t.span.end);

type Change = (trial: Trial) => void;

function words(page: Page, rng: Rng, count: number): string {
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(pick(rng, page.vocabulary) ?? 'lorem');
  return out.join(page.cjk ? '' : ' ');
}

/** Whether `element` holds any part of the highlighted passage. */
function touchesPassage(trial: Trial, element: Element): boolean {
  return (
    element.contains(trial.startMarker) ||
    element.contains(trial.endMarker) ||
    (isBefore(trial.startMarker, element) && isBefore(element, trial.endMarker))
  );
}

/**
 * Replace one random word of `node` with a different word of the page: of about the same
 * length (`similar`, an editor's fix inside a quote) or of any length.
 */
function changeWord(trial: Trial, node: Text, similar: boolean): boolean {
  const { rng, page } = trial;
  const { data } = node;
  const cjk = page.cjk && CJK_CHAR.test(data);
  const pattern = cjk ? new RegExp(CJK_CHAR, 'gu') : /[\p{L}\p{N}]{2,}/gu;
  const word = pick(rng, [...data.matchAll(pattern)]);
  if (!word) return false;
  const at = word.index ?? 0;
  let length = word[0].length;
  let replacement = '';
  if (cjk) {
    // A Chinese "word" is one or two characters: change two when the quote is long enough.
    if (trial.quoteInk.length >= 6 && CJK_CHAR.test(data[at + 1] ?? '')) length = 2;
    const count = similar ? length : int(rng, 1, 4);
    for (let i = 0; i < 50 && (!replacement || replacement === data.slice(at, at + length)); i++) {
      replacement = words(page, rng, count);
    }
  } else {
    // Another word of the page of about the same length, as an editor's fix would be.
    replacement = 'changed';
    for (let i = 0; i < 50; i++) {
      const candidate = pick(rng, page.latinWords) ?? 'changed';
      const lengthOk = !similar || Math.abs(candidate.length - length) <= 2;
      if (lengthOk && candidate.toLowerCase() !== word[0].toLowerCase()) {
        replacement = candidate;
        break;
      }
    }
  }
  node.replaceData(at, length, replacement);
  return true;
}

const adInserted: Change = (trial) => {
  const { body, rng, page, startMarker } = trial;
  const doc = body.ownerDocument;
  const block = blockOf(startMarker);
  const ad = doc.createElement(rng() < 0.5 ? 'div' : 'p');
  if (rng() < 0.5) {
    ad.className = 'ad-slot';
    ad.textContent = `Advertisement ${words(page, rng, int(rng, 3, 40))}`;
  } else {
    // A paragraph from elsewhere in the article (a related-story teaser, a pull quote).
    // Not a copy of the highlighted paragraph(s): a second copy of the passage, with its
    // context, is a different test (the position decides; see the unit tests).
    const ends = [trial.quoteInk.slice(0, 12), trial.quoteInk.slice(-12)];
    const lines = page.truth
      .split('\n')
      .filter((l) => l.trim().length > 20 && !ends.some((end) => toInk(l).ink.includes(end)));
    ad.textContent = pick(rng, lines) ?? words(page, rng, 20);
  }
  if (block && block !== body) block.parentNode!.insertBefore(ad, block);
  else startMarker.parentNode!.insertBefore(ad, startMarker);
};

const editedElsewhere: Change = (trial) => {
  const { rng } = trial;
  const ownBlocks = new Set([blockOf(trial.startMarker), blockOf(trial.endMarker)]);
  const elsewhere = (slices: TextNodeSlice[]) =>
    slices.map((s) => s.node).filter((n) => !ownBlocks.has(blockOf(n)));
  const before = elsewhere(slicesBefore(trial));
  const after = elsewhere(slicesAfter(trial));
  // Half the time a neighbouring paragraph, whose text may be the highlight's context.
  const pool =
    rng() < 0.5
      ? [...before.slice(-3).reverse(), ...after.slice(0, 3)].sort(() => rng() - 0.5)
      : [...before, ...after].sort(() => rng() - 0.5).slice(0, 20);
  for (const node of pool) if (changeWord(trial, node, false)) return;
};

/** Elements under `root` in document order (jsdom's live HTMLCollection is very slow). */
function elementsUnder(root: Element): Element[] {
  const out: Element[] = [];
  let node: Element | null = root.firstElementChild;
  while (node) {
    out.push(node);
    if (node.firstElementChild) {
      node = node.firstElementChild;
      continue;
    }
    while (node && node !== root && !node.nextElementSibling) node = node.parentElement;
    node = node && node !== root ? node.nextElementSibling : null;
  }
  return out;
}

function isBefore(a: Node, b: Node): boolean {
  return (a.compareDocumentPosition(b) & 4) !== 0;
}

const INLINE_OR_BLOCK = new Set(['p', 'div', 'span', 'a', 'li', 'section', 'article', 'b', 'em']);

const markupChanged: Change = (trial) => {
  const { body, rng, slices } = trial;
  const doc = body.ownerDocument;
  const inside = slicesInside(trial);
  const chosen = new Set([...inside, ...slices.filter(() => rng() < 0.3)].map((s) => s.node));
  for (const node of chosen) {
    const parent = node.parentNode;
    if (!parent) continue;
    const roll = rng();
    if (roll < 0.25) {
      const span = doc.createElement('span');
      span.className = 'wrapped';
      parent.insertBefore(span, node);
      span.appendChild(node);
    } else if (roll < 0.45) {
      const space = node.data.indexOf(' ', Math.floor(node.data.length / 2));
      if (space > 0) {
        const tail = node.splitText(space);
        const span = doc.createElement('span');
        span.setAttribute('data-split', '1');
        parent.insertBefore(span, tail);
        span.appendChild(tail);
      }
    } else if (roll < 0.8) {
      node.data = node.data.replace(/[ \t\n]+/g, () =>
        pick(rng, [' ', '  ', '\n      ', '\u00a0', ' \n'])!,
      );
    } else {
      node.data = `${pick(rng, ['', ' ', '\n    '])}${node.data}${pick(rng, ['', ' ', '\n  '])}`;
    }
  }
  for (const element of elementsUnder(body)) {
    if (!INLINE_OR_BLOCK.has(element.localName)) continue;
    if (rng() < 0.3) {
      element.setAttribute('data-track', String(int(rng, 1, 9999)));
      element.classList.add(`v${int(rng, 1, 99)}`);
    }
    // Whitespace between blocks, as a re-indented template adds or drops it.
    if (rng() < 0.1 && element.parentNode) {
      element.parentNode.insertBefore(doc.createTextNode('\n  '), element);
    }
  }
};

const BOILERPLATE_TAG = new Set(['nav', 'header', 'footer', 'aside']);
const BOILERPLATE_ROLE = new Set(['navigation', 'banner', 'contentinfo', 'complementary']);
const BOILERPLATE_NAME = /nav|menu|footer|sidebar|breadcrumb/i;

function isBoilerplate(element: Element): boolean {
  return (
    BOILERPLATE_TAG.has(element.localName) ||
    BOILERPLATE_ROLE.has(element.getAttribute('role') ?? '') ||
    BOILERPLATE_NAME.test(element.id) ||
    BOILERPLATE_NAME.test(element.getAttribute('class') ?? '')
  );
}

const boilerplateChanged: Change = (trial) => {
  const { body, rng, page } = trial;
  const doc = body.ownerDocument;
  const found = elementsUnder(body).filter((el) => isBoilerplate(el) && !touchesPassage(trial, el));
  // Outermost only (document order puts an ancestor before its descendants).
  const outermost: Element[] = [];
  for (const el of found) {
    if (!outermost.some((other) => other.contains(el))) outermost.push(el);
  }
  for (const el of outermost) {
    el.textContent = words(page, rng, int(rng, 2, 60));
  }
  if (outermost.length === 0) {
    const nav = doc.createElement('nav');
    nav.textContent = words(page, rng, int(rng, 5, 40));
    body.insertBefore(nav, body.firstChild);
    const footer = doc.createElement('footer');
    footer.textContent = words(page, rng, int(rng, 5, 40));
    body.appendChild(footer);
  }
};

const wordChangedInside: Change = (trial) => {
  const { rng } = trial;
  const order = slicesInside(trial)
    .map((s) => s.node)
    .sort(() => rng() - 0.5);
  for (const node of order) if (changeWord(trial, node, true)) return;
  throw new Error('no word to change');
};

const passageDeleted: Change = (trial) => {
  const range = trial.body.ownerDocument.createRange();
  range.setStartAfter(trial.startMarker);
  range.setEndBefore(trial.endMarker);
  range.deleteContents();
};

const CHANGES: [string, Change][] = [
  ['1 ad/paragraph inserted before', adInserted],
  ['2 text edited elsewhere', editedElsewhere],
  ['3 markup + whitespace changed', markupChanged],
  ['4 boilerplate changed', boilerplateChanged],
  ['5 one word inside changed', wordChangedInside],
  ['6 passage deleted', passageDeleted],
];

// ---------------------------------------------------------------------------------------------
// Running.

interface Row {
  right: number;
  wrong: number;
  orphaned: number;
  ms: number[];
  methods: Record<string, number>;
}

const newRow = (): Row => ({ right: 0, wrong: 0, orphaned: 0, ms: [], methods: {} });

function addRow(into: Row, row: Row) {
  into.right += row.right;
  into.wrong += row.wrong;
  into.orphaned += row.orphaned;
  into.ms.push(...row.ms);
  for (const [k, v] of Object.entries(row.methods)) into.methods[k] = (into.methods[k] ?? 0) + v;
}

function inkSpan(text: string, span: TextSpan): TextSpan {
  const inkText = toInk(text);
  return { start: rawToInkOffset(inkText, span.start), end: rawToInkOffset(inkText, span.end) };
}

function markerOffset(marker: Element, dom: ReturnType<typeof textOf>): number {
  const parent = marker.parentNode!;
  return pointToOffset(dom, parent, Array.prototype.indexOf.call(parent.childNodes, marker));
}

/**
 * The six trials of one highlight. Cloning a page per trial is what made this slow (and
 * GC-bound), so each change is applied to the page itself under a MutationObserver and
 * undone from its records afterwards; the page's text is checked to be back as it was.
 */
function runHighlight(page: Page, highlight: Highlight, result: Result, rng: Rng) {
  const doc = page.body.ownerDocument;
  const dom = textOf(page.body);
  // Sanity: on the unchanged page the highlight is found where it was made.
  const same = anchorInDom(page.body, highlight.selectors);
  if (!same || !sameSpan(rangeToSpan(page.body, same.range, dom)!, highlight.span)) {
    result.sanityFailures++;
  }
  const range = spanToRange(page.body, highlight.span, dom);
  const startMarker = doc.createElement('gleaner-bench-start');
  const endMarker = doc.createElement('gleaner-bench-end');
  const endRange = range.cloneRange();
  endRange.collapse(false);
  endRange.insertNode(endMarker);
  range.collapse(true);
  range.insertNode(startMarker);
  // Valid for every trial: the undo puts back the very same nodes.
  const { nodes: slices } = textOf(page.body);
  const observer = new page.dom.window.MutationObserver(() => {});
  CHANGES.forEach(([, change], i) => {
    observer.observe(page.body, {
      subtree: true,
      childList: true,
      characterData: true,
      characterDataOldValue: true,
      attributes: true,
      attributeOldValue: true,
    });
    const trial: Trial = {
      page,
      body: page.body,
      startMarker,
      endMarker,
      rng,
      quoteInk: highlight.quoteInk,
      slices,
      span: highlight.span,
    };
    try {
      runTrial(trial, highlight, change, i, result.rows[i]!);
    } finally {
      const records = observer.takeRecords();
      observer.disconnect();
      undo(records);
    }
  });
  startMarker.remove();
  endMarker.remove();
  if (textOf(page.body).text !== dom.text) {
    throw new Error(`${page.name}: undo did not restore the page`);
  }
}

/** Reverts DOM mutations, newest first. */
function undo(records: MutationRecord[]) {
  for (let i = records.length - 1; i >= 0; i--) {
    const r = records[i]!;
    if (r.type === 'characterData') {
      (r.target as CharacterData).data = r.oldValue ?? '';
    } else if (r.type === 'attributes') {
      const element = r.target as Element;
      if (r.oldValue === null) element.removeAttribute(r.attributeName!);
      else element.setAttribute(r.attributeName!, r.oldValue);
    } else {
      for (const node of r.addedNodes) node.parentNode?.removeChild(node);
      for (const node of r.removedNodes) r.target.insertBefore(node, r.nextSibling);
    }
  }
}

function runTrial(
  trial: Trial,
  highlight: Highlight,
  change: Change,
  changeIndex: number,
  row: Row,
) {
  const { page, body, startMarker, endMarker } = trial;
  change(trial);
  const dom = textOf(body);
  const expected = inkSpan(dom.text, {
    start: markerOffset(startMarker, dom),
    end: markerOffset(endMarker, dom),
  });
  // Out of the way while anchoring (and put back by the undo).
  startMarker.remove();
  endMarker.remove();

  const t0 = performance.now();
  const anchor = anchorInDom(body, highlight.selectors);
  row.ms.push(performance.now() - t0);
  if (!anchor) {
    row.orphaned++;
    if (process.env.BENCH_VERBOSE && changeIndex < 5) {
      const quote = highlight.selectors.find((s) => s.type === 'TextQuoteSelector');
      console.error(`ORPHAN ${page.name} ${highlight.kind} change ${changeIndex + 1}`);
      console.error(`  quote:    ${JSON.stringify(quote)}`);
      const inkText = toInk(dom.text);
      console.error(
        `  expected: ${JSON.stringify(inkText.ink.slice(Math.max(0, expected.start - 40), expected.start))} [${inkText.ink.slice(expected.start, expected.end)}] ${JSON.stringify(inkText.ink.slice(expected.end, expected.end + 40))}`,
      );
    }
    return;
  }
  row.methods[anchor.method] = (row.methods[anchor.method] ?? 0) + 1;
  // Removing the markers changed no text node, so `dom` still maps this body.
  const got = rangeToSpan(body, anchor.range, dom);
  const deleted = changeIndex === 5;
  const { text } = dom;
  const right = !deleted && got !== null && sameSpan(inkSpan(text, got), expected);
  if (right) row.right++;
  else {
    row.wrong++;
    if (process.env.BENCH_VERBOSE) {
      const quote = highlight.selectors.find((s) => s.type === 'TextQuoteSelector');
      console.error(
        `WRONG ${page.name} ${highlight.kind} change ${changeIndex + 1} ${anchor.method}`,
      );
      console.error(`  quote:    ${JSON.stringify(quote)}`);
      console.error(
        `  got:      ${JSON.stringify(got && text.slice(Math.max(0, got.start - 60), got.start))} [${got && text.slice(got.start, got.end)}] ${JSON.stringify(got && text.slice(got.end, got.end + 60))}`,
      );
    }
  }
}

function sameSpan(a: TextSpan, b: TextSpan): boolean {
  return a.start === b.start && a.end === b.end;
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** What one process measured; plain data, so workers can send it back. */
interface Result {
  rows: Row[];
  kinds: Record<Kind, number>;
  skipped: Record<string, number>;
  pages: number;
  sanityFailures: number;
}

async function runPages(names: readonly string[]): Promise<Result> {
  const result: Result = {
    rows: CHANGES.map(() => newRow()),
    kinds: { short: 0, sentence: 0, spanning: 0 },
    skipped: {},
    pages: 0,
    sanityFailures: 0,
  };
  const skip = (reason: string) => (result.skipped[reason] = (result.skipped[reason] ?? 0) + 1);
  for (const name of names) {
    const page = loadPage(name);
    if (typeof page === 'string') {
      skip(page);
      continue;
    }
    // Seeded per page, so the results do not depend on which process ran which page.
    const rng = mulberry32(SEED ^ hashString(name));
    const highlights = chooseHighlights(page, rng);
    if (highlights.length === 0) {
      skip('no article line found in page text');
      page.dom.window.close();
      continue;
    }
    result.pages++;
    for (const highlight of highlights) {
      // End the job: jsdom tracks Ranges through WeakRefs, and a WeakRef keeps its target
      // alive until the current job ends, so one long synchronous run would keep them all.
      await new Promise((resolve) => setImmediate(resolve));
      result.kinds[highlight.kind]++;
      runHighlight(page, highlight, result, rng);
    }
    page.dom.window.close();
  }
  return result;
}

/** Pages are dealt round-robin to BENCH_WORKERS processes (default: one per core, up to 2). */
async function runAll(names: readonly string[]): Promise<Result[]> {
  const workers = Number(process.env.BENCH_WORKERS ?? Math.min(2, availableParallelism()));
  if (workers <= 1) return [await runPages(names)];
  const script = fileURLToPath(import.meta.url);
  return Promise.all(
    Array.from({ length: workers }, (_, k) => {
      const share = names.filter((_, i) => i % workers === k);
      const child = fork(script, process.argv.slice(2), {
        execArgv: process.execArgv,
        env: { ...process.env, BENCH_PAGES: JSON.stringify(share) },
      });
      return new Promise<Result>((resolve, reject) => {
        child.once('message', (message) => resolve(message as Result));
        child.once('exit', (code) => code && reject(new Error(`worker ${k} exited with ${code}`)));
      });
    }),
  );
}

async function main() {
  const started = performance.now();
  const names = readdirSync(corpusDir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -'.html'.length))
    .sort();
  // BENCH_EVERY=n runs every n-th page and BENCH_ONLY=name one page, for a look while tuning.
  const every = Number(process.env.BENCH_EVERY ?? 1);
  const only = process.env.BENCH_ONLY;
  const chosen = names.filter((name, i) => (only ? name === only : i % every === 0));
  const results = await runAll(chosen);
  const rows = CHANGES.map((_, i) => {
    const row = newRow();
    for (const result of results) addRow(row, result.rows[i]!);
    return row;
  });
  const kinds: Record<Kind, number> = { short: 0, sentence: 0, spanning: 0 };
  const skipped: Record<string, number> = {};
  let pages = 0;
  let sanityFailures = 0;
  for (const result of results) {
    for (const kind of Object.keys(kinds) as Kind[]) kinds[kind] += result.kinds[kind];
    for (const [k, v] of Object.entries(result.skipped)) skipped[k] = (skipped[k] ?? 0) + v;
    pages += result.pages;
    sanityFailures += result.sanityFailures;
  }

  const total = newRow();
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  const pct = (n: number, of: number) => (of ? ((100 * n) / of).toFixed(1) : '0.0');
  console.log(
    `${'change'.padEnd(34)}${pad('n', 6)}${pad('right', 14)}${pad('wrong', 8)}${pad('orphaned', 15)}${pad('ms med', 9)}${pad('ms p95', 9)}  methods`,
  );
  const print = (label: string, row: Row) => {
    const n = row.right + row.wrong + row.orphaned;
    const methods = Object.entries(row.methods)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    console.log(
      `${label.padEnd(34)}${pad(n, 6)}${pad(`${row.right} (${pct(row.right, n)}%)`, 14)}${pad(row.wrong, 8)}${pad(`${row.orphaned} (${pct(row.orphaned, n)}%)`, 15)}${pad(percentile(row.ms, 50).toFixed(2), 9)}${pad(percentile(row.ms, 95).toFixed(2), 9)}  ${methods}`,
    );
  };
  CHANGES.forEach(([label], i) => {
    const row = rows[i]!;
    print(label, row);
    addRow(total, row);
  });
  print('total', total);
  const highlights = kinds.short + kinds.sentence + kinds.spanning;
  console.log(
    `\npages: ${pages} of ${chosen.length} (skipped: ${
      Object.entries(skipped)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ') || 'none'
    })`,
  );
  console.log(
    `highlights: ${highlights} (short ${kinds.short}, sentence ${kinds.sentence}, paragraph-spanning ${kinds.spanning}); anchors: ${total.ms.length}; seed ${SEED}`,
  );
  console.log(`unchanged page re-anchored elsewhere: ${sanityFailures}`);
  console.log(
    `time: ${((performance.now() - started) / 1000).toFixed(1)} s in ${results.length} process(es)`,
  );
}

if (process.env.BENCH_PAGES && process.send) {
  const result = await runPages(JSON.parse(process.env.BENCH_PAGES) as string[]);
  process.send(result, () => process.disconnect());
} else {
  await main();
}
