import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_EXPORT_SETTINGS } from '@/lib/export/export-settings';
import { inlineRenderer } from '@/lib/library/bulk-export';
import type { ExportWorkerRequest } from '@/entrypoints/library/export-worker';
import { workerRenderer } from '@/entrypoints/library/worker-renderer';

/** A stand-in for the export worker: notes which jobs it got and answers them a tick later. */
class FakeWorker {
  static all: FakeWorker[] = [];
  jobs: ExportWorkerRequest['type'][] = [];
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  constructor() {
    FakeWorker.all.push(this);
  }
  postMessage(request: ExportWorkerRequest) {
    if (request.type === 'start') return;
    this.jobs.push(request.type);
    const answer =
      request.type === 'render'
        ? { id: request.id, batch: { articles: [], leftOver: [], fellBack: [] } }
        : { id: request.id, entries: [] };
    setTimeout(() => this.onmessage?.({ data: answer }), 0);
  }
  terminate() {}
}

afterEach(() => {
  vi.unstubAllGlobals();
  FakeWorker.all = [];
});

describe('workerRenderer', () => {
  it('spreads the renders over the workers when renders and deflates alternate', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    vi.stubGlobal('navigator', { hardwareConcurrency: 2 });
    const settings = { export: DEFAULT_EXPORT_SETTINGS, siteRules: [] };
    const renderer = workerRenderer(
      settings,
      1,
      inlineRenderer(async () => [], settings),
    );
    expect(renderer.workers).toBe(2);
    // The export's rhythm: a batch ahead is asked for, then the page's leftovers are deflated.
    const first = renderer.render(['a']);
    for (let batch = 0; batch < 10; batch++) {
      const next = renderer.render([`b${batch}`]);
      await renderer.deflate([{ path: `p${batch}.md`, text: 'x' }]);
      await next;
    }
    await first;
    renderer.close();
    const renders = FakeWorker.all.map((worker) => worker.jobs.filter((job) => job === 'render'));
    expect(renders.map((jobs) => jobs.length).sort()).toEqual([5, 6]);
  });
});
