/** Deflating for exports in workers (round robin, answers in order); inline if none starts. */
import {
  encodeFile,
  inlineCompressor,
  type Compressor,
  type DeflateLevel,
  type DeflatedEntry,
} from '@/lib/library/deflate';

export function workerCompressor(level: DeflateLevel): Compressor {
  // One core stays with the page (it renders the posts), the others deflate.
  const count = Math.max(1, Math.min(3, (navigator.hardwareConcurrency || 2) - 1));
  let workers: Worker[];
  try {
    workers = Array.from(
      { length: count },
      () => new Worker(new URL('./deflate-worker.ts', import.meta.url), { type: 'module' }),
    );
  } catch {
    return inlineCompressor(level);
  }
  const waiting = new Map<number, { resolve(e: DeflatedEntry[]): void; reject(e: Error): void }>();
  for (const worker of workers) {
    worker.onmessage = (event: MessageEvent<{ id: number; entries: DeflatedEntry[] }>) => {
      waiting.get(event.data.id)?.resolve(event.data.entries);
      waiting.delete(event.data.id);
    };
    worker.onerror = (event) => {
      for (const job of waiting.values())
        job.reject(new Error(event.message || 'Compression failed'));
      waiting.clear();
    };
  }
  let next = 0;
  return {
    compress: (files) =>
      new Promise((resolve, reject) => {
        const id = next++;
        waiting.set(id, { resolve, reject });
        const encoded = files.map(encodeFile);
        workers[id % workers.length]?.postMessage(
          { id, files: encoded, level },
          encoded.map((file) => file.bytes.buffer as ArrayBuffer),
        );
      }),
    close: () => workers.forEach((worker) => worker.terminate()),
  };
}
