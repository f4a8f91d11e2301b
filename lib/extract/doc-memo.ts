/**
 * Reading a page's metadata asks the same questions many times (every `<meta>` for each key, the
 * headline element for title, byline and date). Inside `withDocumentMemo` the answers are computed
 * once per document; outside it, every call computes afresh, so a live page that changes between
 * clips is never answered from a stale cache.
 */

interface Scope {
  doc: Document;
  values: Map<string, unknown>;
}

let current: Scope | null = null;

export function withDocumentMemo<T>(doc: Document, run: () => T): T {
  if (current?.doc === doc) return run();
  const outer = current;
  current = { doc, values: new Map() };
  try {
    return run();
  } finally {
    current = outer;
  }
}

export function memo<T>(doc: Document, key: string, compute: () => T): T {
  const scope = current;
  if (scope?.doc !== doc) return compute();
  if (scope.values.has(key)) return scope.values.get(key) as T;
  const value = compute();
  scope.values.set(key, value);
  return value;
}
