/**
 * Our zip writer and reader against each other and against Info-ZIP's `unzip` and Python's
 * `zipfile` (both installed by .ci/run): more than 65,535 entries, an entry past 4 GB, and the
 * plain zip a small archive stays.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { unzipSync, Zip, ZipPassThrough } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { crc32, deflateFile, type DeflatedEntry } from '@/lib/library/deflate';
import { ZipArchive } from '@/lib/library/zip-reader';
import { MAX_16, MAX_32, ZipWriter } from '@/lib/library/zip-writer';

const work = mkdtempSync(path.join(tmpdir(), 'gleaner-zip-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function saved(blob: Blob, name: string): Promise<string> {
  const file = path.join(work, name);
  writeFileSync(file, new Uint8Array(await blob.arrayBuffer()));
  return file;
}

/** `unzip -l`'s last line: "<bytes>  <n> files". */
function unzipListTotal(file: string): { bytes: number; files: number } {
  const last = execFileSync('unzip', ['-l', file], { encoding: 'utf8', maxBuffer: 64 << 20 })
    .trim()
    .split('\n')
    .pop()!;
  const [bytes, files] = last.trim().split(/\s+/);
  return { bytes: Number(bytes), files: Number(files) };
}

function python(script: string, file: string): string {
  return execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }).trim();
}

const ZIP64_END = [0x50, 0x4b, 0x06, 0x06];
const hasZip64End = (bytes: Uint8Array) =>
  bytes.some((_, i) => ZIP64_END.every((b, k) => bytes[i + k] === b));

async function readAll(blob: Blob): Promise<Map<string, string>> {
  const archive = await ZipArchive.open(blob);
  const texts = new Map<string, string>();
  for await (const file of archive.read(new Set(archive.listing.paths))) {
    if ('reason' in file) throw new Error(`${file.path}: ${file.reason}`);
    if ('text' in file) texts.set(file.path, file.text);
  }
  return texts;
}

describe('the zip writer', { timeout: 120_000 }, () => {
  it('keeps a small archive plain zip, which other readers read', async () => {
    const zip = new ZipWriter();
    zip.addDeflated(deflateFile({ path: '_posts/a.md', text: '# A\n' }, 6));
    zip.addDeflated(deflateFile({ path: '_posts/中文.md', text: '中文\n' }, 6));
    const blob = await zip.close();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(hasZip64End(bytes)).toBe(false);
    const view = new DataView(bytes.buffer);
    expect(view.getUint16(4, true)).toBe(20); // version needed: plain deflate
    const files = unzipSync(bytes);
    expect(new TextDecoder().decode(files['_posts/中文.md'])).toBe('中文\n');
    const file = await saved(blob, 'small.zip');
    expect(unzipListTotal(file)).toEqual({ bytes: 11, files: 2 });
    expect(execFileSync('unzip', ['-tq', file], { encoding: 'utf8' })).toContain('No errors');
  });

  it(
    'writes ZIP64 past 65,535 entries: all of them read back, the same bytes, by us, unzip and Python',
    { timeout: 900_000 },
    async () => {
      const count = MAX_16 + 100;
      const zip = new ZipWriter();
      const textOf = (i: number) =>
        `---\ntitle: "Post ${i}"\n---\n\n${'Text. '.repeat(i % 7)}${i}\n`;
      for (let i = 0; i < count; i++)
        zip.addDeflated(deflateFile({ path: `_posts/p-${i}.md`, text: textOf(i) }, 1));
      const blob = await zip.close();
      const bytes = new Uint8Array(await blob.arrayBuffer());
      expect(hasZip64End(bytes)).toBe(true);
      // The classic end record says "see Zip64" rather than a wrapped count.
      const end = new DataView(bytes.buffer, bytes.length - 22);
      expect(end.getUint16(10, true)).toBe(MAX_16);

      const file = await saved(blob, 'many.zip');
      expect(unzipListTotal(file).files).toBe(count);
      expect(
        python(
          'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(len(z.infolist()), z.testzip())',
          file,
        ),
      ).toBe(`${count} None`);

      const texts = await readAll(blob);
      expect(texts.size).toBe(count);
      for (const i of [0, 1, MAX_16 - 1, MAX_16, count - 1])
        expect(texts.get(`_posts/p-${i}.md`)).toBe(textOf(i));
      let same = 0;
      for (let i = 0; i < count; i++) if (texts.get(`_posts/p-${i}.md`) === textOf(i)) same++;
      expect(same).toBe(count);
    },
  );

  it('writes the Zip64 size fields for an entry past 4 GB (a repeated block of zeros)', async () => {
    // 4,400 flushed blocks of 1 MiB of zeros, then an empty final block: ~4.6 GB inflated from ~4.5 MB.
    const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
    const repeats = 4400;
    const data = new Uint8Array(block.length * repeats + 2);
    for (let i = 0; i < repeats; i++) data.set(block, i * block.length);
    data.set([0x03, 0x00], block.length * repeats);
    const size = repeats * (1 << 20);
    expect(size).toBeGreaterThan(MAX_32);
    const big: DeflatedEntry = { path: 'zeros.bin', data, crc: 0, size };
    const zip = new ZipWriter();
    zip.addDeflated(deflateFile({ path: 'before.md', text: 'before\n' }, 6));
    zip.addDeflated(big);
    zip.addDeflated(deflateFile({ path: 'after.md', text: 'after\n' }, 6));
    const blob = await zip.close();
    const file = await saved(blob, 'big.zip');

    expect(unzipListTotal(file)).toEqual({ bytes: size + 13, files: 3 });
    expect(
      python(
        'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); i = z.getinfo("zeros.bin"); print(i.file_size, i.compress_size, z.read("after.md").decode().strip())',
        file,
      ),
    ).toBe(`${size} ${data.length} after`);
    // The entries around it inflate (unzip finds them past the Zip64 fields).
    expect(execFileSync('unzip', ['-p', file, 'after.md'], { encoding: 'utf8' })).toBe('after\n');
    // Our reader lists it with its size, and refuses it as more than one post may hold.
    const archive = await ZipArchive.open(blob);
    expect(archive.listing.paths).toEqual(['before.md', 'after.md']);
    expect(archive.listing.refused).toEqual([
      { file: 'zeros.bin', reason: expect.stringContaining('declares 4.3 GB uncompressed') },
    ]);
  });
});

describe('the zip reader', () => {
  it(
    'reads all entries of an archive whose 16-bit entry count wrapped (our exports before ZIP64)',
    { timeout: 900_000 },
    async () => {
      const count = MAX_16 + 10;
      const parts: Uint8Array[] = [];
      const zip = new Zip((error, chunk) => {
        if (error) throw error;
        parts.push(chunk);
      });
      for (let i = 0; i < count; i++) {
        const entry = new ZipPassThrough(`_posts/p-${i}.md`);
        zip.add(entry);
        entry.push(new TextEncoder().encode(`${i}`), true);
      }
      zip.end();
      const blob = new Blob(parts as BlobPart[]);
      const archive = await ZipArchive.open(blob);
      expect(archive.listing.entries).toBe(count);
      const texts = await readAll(blob);
      expect(texts.get(`_posts/p-${count - 1}.md`)).toBe(`${count - 1}`);
      expect(texts.size).toBe(count);
    },
  );

  it('checks each entry’s CRC-32', async () => {
    const entry = deflateFile({ path: 'a.md', text: 'hello\n' }, 6);
    const zip = new ZipWriter();
    zip.addDeflated({ ...entry, crc: crc32(new TextEncoder().encode('other\n')) });
    const archive = await ZipArchive.open(await zip.close());
    const reads = [];
    for await (const read of archive.read(new Set(['a.md']))) reads.push(read);
    expect(reads[0]).toEqual({ path: 'a.md', reason: expect.stringMatching(/^Damaged: /) });
  });
});
