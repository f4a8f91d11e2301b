/** Export batches rendered by a pool of workers (round robin); a batch a worker fails is done here. */
import type { BatchRenderer, RenderedBatch } from '@/lib/library/bulk-export';
import type { DeflatedEntry, DeflateLevel } from '@/lib/library/deflate';
import type { RenderSettings } from '@/lib/library/library-post';
import type { ExportWorkerAnswer, ExportWorkerRequest } from './export-worker';

export function workerRenderer(
  settings: RenderSettings,
  level: DeflateLevel,
  fallback: BatchRenderer,
  /** Whether the page writes the kept images (the workers then render posts that link them). */
  images = false,
): BatchRenderer & { workers: number } {
  // Every core: the page's own share of the work (leftovers, the zip) is small.
  const count = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 2));
  let workers: Worker[];
  try {
    workers = Array.from(
      { length: count },
      () => new Worker(new URL('./export-worker.ts', import.meta.url), { type: 'module' }),
    );
  } catch {
    return { ...fallback, workers: 0 };
  }
  type Answer = RenderedBatch | DeflatedEntry[];
  const waiting = new Map<number, { resolve(answer: Answer): void; reject(e: Error): void }>();
  for (const worker of workers) {
    worker.onmessage = (event: MessageEvent<ExportWorkerAnswer>) => {
      const answer = event.data;
      const job = waiting.get(answer.id);
      waiting.delete(answer.id);
      if ('batch' in answer) job?.resolve(answer.batch);
      else if ('entries' in answer) job?.resolve(answer.entries);
      else job?.reject(new Error(answer.error));
    };
    worker.onerror = (event) => {
      for (const job of waiting.values()) job.reject(new Error(event.message || 'Export failed'));
      waiting.clear();
    };
    const start: ExportWorkerRequest = { type: 'start', settings, level, images };
    worker.postMessage(start);
  }
  let next = 0;
  // Renders and deflates take turns over the workers each on their own: one turn for both kept
  // every render on the same worker when the export alternated them.
  const turns = { render: 0, deflate: 0 };
  const send = (kind: keyof typeof turns, request: (id: number) => ExportWorkerRequest) =>
    new Promise<Answer>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      workers[turns[kind]++ % workers.length]?.postMessage(request(id));
    });
  const fellBack = (error: unknown) =>
    console.warn('Gleaner: an export worker failed; the page does its part.', error);
  return {
    workers: count,
    render: (ids) =>
      (send('render', (id) => ({ type: 'render', id, ids })) as Promise<RenderedBatch>).catch(
        (error: unknown) => {
          fellBack(error);
          return fallback.render(ids);
        },
      ),
    deflate: (files) =>
      (send('deflate', (id) => ({ type: 'deflate', id, files })) as Promise<DeflatedEntry[]>).catch(
        (error: unknown) => {
          fellBack(error);
          return fallback.deflate(files);
        },
      ),
    close: () => {
      workers.forEach((worker) => worker.terminate());
      fallback.close();
    },
  };
}
