/**
 * Edit-distance measures used to score a candidate place. Context is compared *anchored* at
 * the candidate's edge: a prefix must end exactly where the quote starts. Hypothesis searches
 * the context anywhere in a window, which lets the same word a few characters away look like
 * a near-perfect match; anchoring makes a shifted candidate pay one error per character.
 */

/**
 * Levenshtein distance of `a` and `b`, or `limit + 1` as soon as it must exceed `limit`.
 * Banded to `limit`, so it costs O(limit × length) rather than O(length²).
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  if (a === b) return 0;
  const n = b.length;
  const big = limit + 1;
  let previous = new Int32Array(n + 1);
  let current = new Int32Array(n + 1);
  for (let j = 0; j <= n; j++) previous[j] = j <= limit ? j : big;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - limit);
    const to = Math.min(n, i + limit);
    // Only the band is computed; its two neighbours must read as "too far".
    current[0] = i <= limit ? i : big;
    if (from > 1) current[from - 1] = big;
    if (to < n) current[to + 1] = big;
    let rowMin = current[0] ?? big;
    const ac = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const substitution = (previous[j - 1] ?? big) + (ac === b.charCodeAt(j - 1) ? 0 : 1);
      const deletion = (previous[j] ?? big) + 1;
      const insertion = (current[j - 1] ?? big) + 1;
      const value = Math.min(substitution, deletion, insertion, big);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return big;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[n] ?? big, big);
}

/**
 * How many edits turn `expected` into text that starts (side `after`) or ends (side `before`)
 * exactly at `at` in `text`, from 0 to `expected.length`. Extra text beyond the expected
 * length is free, so only the alignment at `at` counts.
 */
export function contextErrors(
  text: string,
  at: number,
  side: 'before' | 'after',
  expected: string,
): number {
  const m = expected.length;
  if (m === 0) return 0;
  const available = side === 'before' ? at : text.length - at;
  const n = Math.min(available, m + (m >> 1));
  // One column over `expected` per character of text read away from `at`.
  let column = new Int32Array(m + 1);
  let next = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) column[i] = i;
  let best = m;
  for (let j = 1; j <= n; j++) {
    const tc = side === 'before' ? text.charCodeAt(at - j) : text.charCodeAt(at + j - 1);
    next[0] = j;
    let columnMin = j;
    for (let i = 1; i <= m; i++) {
      const ec = side === 'before' ? expected.charCodeAt(m - i) : expected.charCodeAt(i - 1);
      const value = Math.min(
        (column[i - 1] ?? m) + (ec === tc ? 0 : 1),
        (column[i] ?? m) + 1,
        (next[i - 1] ?? m) + 1,
      );
      next[i] = value;
      if (value < columnMin) columnMin = value;
    }
    [column, next] = [next, column];
    if ((column[m] ?? m) < best) best = column[m] ?? m;
    // Later columns can only get worse than this column's minimum.
    if (columnMin >= best) break;
  }
  return best;
}
