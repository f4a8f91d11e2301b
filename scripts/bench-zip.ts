/**
 * `npx tsx scripts/bench-zip.ts [entries]`: the time per entry of the zip containers the library
 * could use, on the same pre-deflated entries (~12 KB of text each, as a post or a sidecar), in
 * Node: writing with our writer, with fflate's `Zip` (the export's writer before ZIP64) and with
 * zip.js's `ZipWriter` (`passThrough`), and reading every entry back with our reader and with
 * zip.js's `getData`. Noisy on a shared machine: the load average is printed beside.
 */
import { loadavg } from 'node:os';
import { BlobReader, Uint8ArrayReader, ZipReader, ZipWriter as ZipJsWriter } from '@zip.js/zip.js';
import { Zip, type ZipInputFile } from 'fflate';
import { deflateFile, type DeflatedEntry } from '../lib/library/deflate';
import { ZipArchive } from '../lib/library/zip-reader';
import { ZipWriter } from '../lib/library/zip-writer';

const COUNT = Number(process.argv[2] ?? 5000);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');

const entries: DeflatedEntry[] = Array.from({ length: COUNT }, (_, i) =>
  deflateFile(
    {
      path: `_posts/2024-01-01-post-${i}.md`,
      text: `---\ntitle: Post ${i}\n---\n\n${Array.from({ length: 1500 }, (_, k) => (k * 7919 + i) % 10007).join(' ')}\n`,
    },
    1,
  ),
);

async function timed(label: string, run: () => Promise<unknown>): Promise<void> {
  const started = performance.now();
  await run();
  const ms = performance.now() - started;
  console.log(
    `${label.padEnd(34)} ${((ms * 1000) / COUNT).toFixed(0).padStart(6)} µs/entry (${(ms / 1000).toFixed(1)} s for ${COUNT.toLocaleString('en')})`,
  );
}

console.log(`load average at the start: ${load()}`);
let ours: Blob = new Blob();
await timed('write: ours (ZipWriter)', async () => {
  const zip = new ZipWriter();
  for (const entry of entries) zip.addDeflated(entry);
  ours = await zip.close();
});
await timed('write: fflate Zip (before)', async () => {
  const parts: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    parts.push(chunk);
  });
  for (const entry of entries) {
    const file: ZipInputFile = {
      filename: entry.path,
      compression: 8,
      crc: entry.crc,
      size: entry.size,
      terminate: () => undefined,
    };
    zip.add(file);
    file.ondata?.(null, entry.data as Uint8Array<ArrayBuffer>, true);
  }
  zip.end();
});
await timed('write: zip.js ZipWriter passThrough', async () => {
  const zip = new ZipJsWriter(new WritableStream({ write: () => undefined }), {
    useWebWorkers: false,
  });
  for (const entry of entries)
    await zip.add(entry.path, new Uint8ArrayReader(entry.data), {
      passThrough: true,
      uncompressedSize: entry.size,
      crc32: entry.crc,
      compressionMethod: 8,
    });
  await zip.close();
});
await timed('read: ours (ZipArchive)', async () => {
  const archive = await ZipArchive.open(ours);
  let read = 0;
  for await (const file of archive.read(new Set(archive.listing.paths))) if ('text' in file) read++;
  if (read !== COUNT) throw new Error(`read ${read} of ${COUNT}`);
});
await timed('read: zip.js getData', async () => {
  const reader = new ZipReader(new BlobReader(ours), { useWebWorkers: false });
  let read = 0;
  for await (const entry of reader.getEntriesGenerator()) {
    if (entry.directory) continue;
    await entry.getData(new WritableStream({ write: () => undefined }), { checkCrc32: true });
    read++;
  }
  if (read !== COUNT) throw new Error(`read ${read} of ${COUNT}`);
});
console.log(`load average at the end: ${load()}`);
