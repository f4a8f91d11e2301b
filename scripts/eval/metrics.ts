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
