/** A library-page worker that deflates zip entries, so the page renders while it compresses. */
import { deflateBytes, type DeflateLevel } from '@/lib/library/deflate';

interface Job {
  id: number;
  /** UTF-8 already: the page encodes and transfers the bytes (no copy of the texts). */
  files: { path: string; bytes: Uint8Array }[];
  level: DeflateLevel;
}

self.onmessage = (event: MessageEvent<Job>) => {
  const { id, files, level } = event.data;
  const entries = files.map((file) => deflateBytes(file.path, file.bytes, level));
  (self as unknown as Worker).postMessage(
    { id, entries },
    entries.map((entry) => entry.data.buffer as ArrayBuffer),
  );
};
