import { describe, expect, it } from 'vitest';
import { localVersionOf } from '@/lib/storage/sync-repo';

const at = '2026-12-07T03:05:10+00:00';
const highlight = { id: 'h1', updatedAt: at, note: 'first', color: 'yellow' as const };

describe('an article’s version for a sync', () => {
  it('moves when a note or colour is edited in the same second (times have whole seconds)', () => {
    const before = localVersionOf(at, [highlight]);
    expect(localVersionOf(at, [{ ...highlight, note: 'edited' }])).not.toBe(before);
    expect(localVersionOf(at, [{ ...highlight, color: 'green' }])).not.toBe(before);
    expect(localVersionOf(at, [{ ...highlight }])).toBe(before);
  });

  it('moves when a highlight comes or goes, whatever the order they are listed in', () => {
    const other = { ...highlight, id: 'h2', note: '' };
    expect(localVersionOf(at, [highlight, other])).toBe(localVersionOf(at, [other, highlight]));
    expect(localVersionOf(at, [highlight])).not.toBe(localVersionOf(at, [highlight, other]));
  });
});
