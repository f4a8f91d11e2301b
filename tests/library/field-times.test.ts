import { describe, expect, it } from 'vitest';
import { touchedTimes } from '@/lib/library/field-times';
import { mergeArticle } from '@/lib/sync/merge';
import { storedArticle } from './support';

describe('the times a write records', () => {
  it('come after the article’s last change, even in the same second (a merge then takes the edit)', () => {
    const second = '2026-12-07T03:05:10+00:00';
    const before = storedArticle(1, { tags: ['old'], updatedAt: second });
    const edited = {
      ...before,
      tags: ['old', 'from-a'],
      ...touchedTimes(before, ['tags'], second),
    };
    expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(second));
    // The tags win over the version from before, whichever side the merge starts from.
    expect(mergeArticle(before, edited).tags).toEqual(['old', 'from-a']);
    expect(mergeArticle(edited, before).tags).toEqual(['old', 'from-a']);
  });

  it('take the clock when it is later', () => {
    const before = storedArticle(1, { updatedAt: '2026-12-07T03:05:10+00:00' });
    expect(touchedTimes(before, ['tags'], '2026-12-07T03:05:11+00:00').updatedAt).toBe(
      '2026-12-07T03:05:11+00:00',
    );
  });
});
