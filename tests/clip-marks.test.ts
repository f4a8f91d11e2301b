import { afterEach, describe, expect, it } from 'vitest';
import { CLIP_MARKS, markClipStage } from '@/lib/clip-marks';

afterEach(() => performance.clearMarks());

describe('markClipStage', () => {
  it('keeps only the latest mark of a stage', async () => {
    markClipStage(CLIP_MARKS.extractRequested);
    const first = performance.getEntriesByName(CLIP_MARKS.extractRequested)[0]!.startTime;
    await new Promise((resolve) => setTimeout(resolve, 5));
    markClipStage(CLIP_MARKS.extractRequested);
    const marks = performance.getEntriesByName(CLIP_MARKS.extractRequested);
    expect(marks).toHaveLength(1);
    expect(marks[0]!.startTime).toBeGreaterThan(first);
  });

  it('leaves the other stages alone', () => {
    markClipStage(CLIP_MARKS.extractRequested);
    markClipStage(CLIP_MARKS.extractAnswered);
    expect(performance.getEntriesByType('mark').map((mark) => mark.name)).toEqual([
      CLIP_MARKS.extractRequested,
      CLIP_MARKS.extractAnswered,
    ]);
  });
});
