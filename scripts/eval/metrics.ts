/** Extraction metrics as defined in ../shared/corpus/README.md. */

const HAN_OR_KANA = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff])/g;
const WORD = /[\p{L}\p{N}_]+/gu;

/** M3 tokens: lowercased; each Han/Kana character its own token; other words whole. */
export function m3Tokens(text: string): string[] {
  return text.toLowerCase().replace(HAN_OR_KANA, ' $1 ').match(WORD) ?? [];
}

function counts(tokens: readonly string[]): Map<string, number> {
  const map = new Map<string, number>();
  for (const token of tokens) map.set(token, (map.get(token) ?? 0) + 1);
  return map;
}

/** M3 — CJK-aware bag-of-tokens F1. */
export function m3TokenF1(prediction: string, gold: string): number {
  const predicted = m3Tokens(prediction);
  const expected = m3Tokens(gold);
  if (!predicted.length && !expected.length) return 1;
  if (!predicted.length || !expected.length) return 0;
  const goldCounts = counts(expected);
  let overlap = 0;
  for (const [token, count] of counts(predicted))
    overlap += Math.min(count, goldCounts.get(token) ?? 0);
  if (!overlap) return 0;
  const precision = overlap / predicted.length;
  const recall = overlap / expected.length;
  return (2 * precision * recall) / (precision + recall);
}

// ---------------------------------------------------------------------------------------------
// M1 — WCEB ROUGE-LSum (whitespace languages only)

/** Sentence boundary: after `.`, `!` or `?`, any closing quotes/brackets, then whitespace. */
const SENTENCE_BOUNDARY = /(?<=[.!?])["'”’)\]]*\s+/;

/** M1 sentences, each a list of whitespace tokens (case and punctuation kept). */
export function m1Sentences(text: string): string[][] {
  return text
    .split(SENTENCE_BOUNDARY)
    .map((sentence) => sentence.trim())
    .filter(Boolean)
    .map((sentence) => sentence.split(/\s+/));
}

export interface PrfScore {
  precision: number;
  recall: number;
  f1: number;
}

function fMeasure(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

/** Positions in `ref` of one LCS of `ref` and `can` (rouge_score's `_backtrack_norec`). */
function lcsPositions(ref: Int32Array, can: Int32Array, table: Int32Array): number[] {
  const rows = ref.length;
  const cols = can.length;
  const width = cols + 1;
  for (let j = 0; j <= cols; j += 1) table[j] = 0;
  for (let i = 1; i <= rows; i += 1) {
    const row = i * width;
    const above = row - width;
    table[row] = 0;
    const token = ref[i - 1];
    for (let j = 1; j <= cols; j += 1) {
      table[row + j] =
        token === can[j - 1]
          ? table[above + j - 1]! + 1
          : Math.max(table[above + j]!, table[row + j - 1]!);
    }
  }
  const positions: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === can[j - 1]) {
      positions.push(i - 1);
      i -= 1;
      j -= 1;
    } else if (table[i * width + j - 1]! > table[(i - 1) * width + j]!) j -= 1;
    else i -= 1;
  }
  return positions;
}

/**
 * M1: rouge_score's summary-level union-LCS ("rougeLsum") between the gold's and the
 * prediction's sentences; each token counts at most as often as it occurs on either side.
 */
export function m1RougeLsum(prediction: string, gold: string): PrfScore {
  const goldSentences = m1Sentences(gold);
  const predSentences = m1Sentences(prediction);
  if (!goldSentences.length) {
    return predSentences.length
      ? { precision: 0, recall: 1, f1: 0 }
      : { precision: 1, recall: 1, f1: 1 };
  }
  if (!predSentences.length) return { precision: 0, recall: 0, f1: 0 };
  const ids = new Map<string, number>();
  const encode = (sentence: string[]): Int32Array =>
    Int32Array.from(sentence, (token) => {
      let id = ids.get(token);
      if (id === undefined) ids.set(token, (id = ids.size));
      return id;
    });
  const goldIds = goldSentences.map(encode);
  const predIds = predSentences.map(encode);
  const goldTotal = goldIds.reduce((sum, s) => sum + s.length, 0);
  const predTotal = predIds.reduce((sum, s) => sum + s.length, 0);
  const goldLeft = new Int32Array(ids.size);
  const predLeft = new Int32Array(ids.size);
  for (const sentence of goldIds) for (const id of sentence) goldLeft[id]! += 1;
  for (const sentence of predIds) for (const id of sentence) predLeft[id]! += 1;
  const longestGold = Math.max(...goldIds.map((s) => s.length));
  const longestPred = Math.max(...predIds.map((s) => s.length));
  const table = new Int32Array((longestGold + 1) * (longestPred + 1));
  let hits = 0;
  for (const ref of goldIds) {
    const union = new Set<number>();
    for (const can of predIds)
      for (const position of lcsPositions(ref, can, table)) union.add(position);
    for (const position of [...union].sort((a, b) => a - b)) {
      const id = ref[position]!;
      if (predLeft[id]! > 0 && goldLeft[id]! > 0) {
        hits += 1;
        predLeft[id]! -= 1;
        goldLeft[id]! -= 1;
      }
    }
  }
  const precision = hits / predTotal;
  const recall = hits / goldTotal;
  return { precision, recall, f1: fMeasure(precision, recall) };
}

// ---------------------------------------------------------------------------------------------
// M2 — Scrapinghub shingle F1

/** Python's `re.findall(r"\w+")`, case kept. */
export function m2Tokens(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** 4-gram shingles as scrapinghub's `_ngrams` makes them (a short text is one shorter shingle). */
function shingles(text: string, size = 4): Map<string, number> {
  const tokens = m2Tokens(text);
  const result = new Map<string, number>();
  for (let index = 0; index < Math.max(1, tokens.length - size + 1); index += 1) {
    const shingle = tokens.slice(index, index + size);
    if (!shingle.length) continue;
    const key = shingle.join('\u0000');
    result.set(key, (result.get(key) ?? 0) + 1);
  }
  return result;
}

export interface ShingleCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** M2 per page: TP, FP and FN of the shingle multisets, divided by their sum. */
export function m2Counts(prediction: string, gold: string): ShingleCounts {
  const truth = shingles(gold);
  const predicted = shingles(prediction);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...truth.keys(), ...predicted.keys()])) {
    const expected = truth.get(key) ?? 0;
    const got = predicted.get(key) ?? 0;
    tp += Math.min(expected, got);
    fp += Math.max(0, got - expected);
    fn += Math.max(0, expected - got);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

function mean(values: readonly number[]): number {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : 0;
}

/** M2 over pages: P and R averaged per page (skipping undefined ones), F1 from the two means. */
export function m2Aggregate(pages: readonly ShingleCounts[]): PrfScore {
  const precision = mean(
    pages
      .filter(({ tp, fp }) => tp + fp > 0)
      .map(({ tp, fp, fn }) => (fp === 0 && fn === 0 ? 1 : tp / (tp + fp))),
  );
  const recall = mean(
    pages
      .filter(({ tp, fn }) => tp + fn > 0)
      .map(({ tp, fp, fn }) => (fp === 0 && fn === 0 ? 1 : tp / (tp + fn))),
  );
  return { precision, recall, f1: fMeasure(precision, recall) };
}
