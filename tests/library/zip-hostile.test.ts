// @vitest-environment jsdom
/**
 * Archives that are hostile, damaged or written by other tools, through the real import: what
 * is whole imports, everything else is listed with its reason, and the report counts both.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { constants, deflateRawSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateFile, type DeflatedEntry } from '@/lib/library/deflate';
import { importFileSets, zipFileSet } from '@/lib/library/import-files';
import { EXPORT_MANIFEST } from '@/lib/library/manifest';
import type { ImportRecord } from '@/lib/library/types';
import { InflateBudget, ZIP_LIMITS, refusedName, type ZipLimits } from '@/lib/library/zip-limits';
import { ZipWriter } from '@/lib/library/zip-writer';
import { loadZlibInflate, type CreateInflater } from '@/lib/library/zlib-wasm';

const NOW = '2026-12-01T09:00:00+00:00';
const work = mkdtempSync(path.join(tmpdir(), 'gleaner-hostile-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const post = (title: string, body = 'Body.') =>
  `---\ntitle: ${title}\ndate: 2024-01-01 10:00:00 +0000\n---\n\n${body}\n`;

/** Raw DEFLATE data inflating to `mebibytes` MiB of zeros, ~1 KB a MiB (flushed blocks, repeated). */
function zeros(mebibytes: number): Uint8Array {
  const block = deflateRawSync(Buffer.alloc(1 << 20), { finishFlush: constants.Z_FULL_FLUSH });
  const data = new Uint8Array(block.length * mebibytes + 2);
  for (let i = 0; i < mebibytes; i++) data.set(block, i * block.length);
  data.set([0x03, 0x00], block.length * mebibytes); // an empty final block
  return data;
}

async function zipOf(entries: DeflatedEntry[]): Promise<Blob> {
  const zip = new ZipWriter();
  for (const entry of entries) zip.addDeflated(entry);
  return zip.close();
}

const file = (filePath: string, text: string) => deflateFile({ path: filePath, text }, 6);

/** The inflater the import uses: fflate's (the default), or zlib's in WebAssembly (the page's). */
let inflater: CreateInflater | undefined;
const zlibInflater = await loadZlibInflate(
  readFileSync(createRequire(import.meta.url).resolve('@zip.js/zip.js/dist/zip-module.wasm')),
);

async function importZip(blob: Blob, limits: ZipLimits = ZIP_LIMITS) {
  const sent: ImportRecord[] = [];
  const report = await importFileSets([await zipFileSet('test.zip', blob, limits, inflater)], {
    nowIso: NOW,
    send: async (records) => {
      sent.push(...records);
      return records.map((_, i) => ({ status: 'created' as const, id: `id-${i}` }));
    },
  });
  return { report, titles: sent.map((r) => r.article.title).sort() };
}

describe.each([
  ['fflate', undefined],
  ['zlib (WebAssembly)', zlibInflater],
] as const)('read with %s', (_, reader) => {
  beforeAll(() => {
    inflater = reader;
  });

  describe('a zip bomb', { timeout: 120_000 }, () => {
    it('is refused while it inflates, past the limit for one file; the normal post imports', async () => {
      // ~3 MB whose post inflates to 3 GB, while its headers claim 20 KB.
      const bomb: DeflatedEntry = {
        path: '_posts/2024-01-02-bomb.md',
        data: zeros(3000),
        crc: 0,
        size: 20_000,
      };
      const blob = await zipOf([file('_posts/2024-01-01-normal.md', post('Normal')), bomb]);
      expect(blob.size).toBeLessThan(4_000_000);
      const { report, titles } = await importZip(blob);
      expect(titles).toEqual(['Normal']);
      expect(report).toMatchObject({ expected: 2, created: 1, damaged: [] });
      expect(report.failed).toEqual([
        {
          file: '_posts/2024-01-02-bomb.md',
          reason: 'Refused: it inflates past the size its header declares',
        },
      ]);
    });

    it('is refused from its header when it declares its size', async () => {
      const bomb = { path: '_posts/bomb.md', data: zeros(3000), crc: 0, size: 3000 * (1 << 20) };
      const { report, titles } = await importZip(
        await zipOf([bomb, file('_posts/2024-01-01-normal.md', post('Normal'))]),
      );
      expect(titles).toEqual(['Normal']);
      expect(report.failed).toEqual([
        { file: '_posts/bomb.md', reason: expect.stringContaining('declares 2.9 GB uncompressed') },
      ]);
    });

    it('is refused from its header by its ratio when the size limit is higher', async () => {
      const bomb = { path: '_posts/bomb.md', data: zeros(300), crc: 0, size: 300 * (1 << 20) };
      const limits = { ...ZIP_LIMITS, entryBytes: 1 << 30 };
      const { report } = await importZip(await zipOf([bomb]), limits);
      expect(report.failed).toEqual([
        { file: '_posts/bomb.md', reason: expect.stringContaining('compression ratio over 200:1') },
      ]);
    });

    it('is refused as it inflates past its declared size when no central directory vouches for it', async () => {
      // Cut short, so entries are found by their local headers, and the bomb's claim is all there is.
      const bomb = { path: '_posts/2024-01-02-bomb.md', data: zeros(3000), crc: 0, size: 20_000 };
      const full = await zipOf([file('_posts/2024-01-01-normal.md', post('Normal')), bomb]);
      const { report, titles } = await importZip(full.slice(0, full.size - 30));
      expect(titles).toEqual(['Normal']);
      expect(report.damaged).toHaveLength(1);
      expect(report.failed).toEqual([
        {
          file: '_posts/2024-01-02-bomb.md',
          reason: 'Refused: it inflates past the size its header declares',
        },
      ]);
    });

    it('is stopped by the counter past the limits, whatever the headers say', () => {
      const budget = new InflateBudget(100_000, { ...ZIP_LIMITS, entryBytes: 10 << 20 });
      const honest = budget.forEntry(5 << 20);
      honest(8 << 20);
      expect(() => honest(4 << 20)).toThrow('inflates past 10.0 MB, the limit for one file');
      const dense = budget.forEntry(10_000);
      expect(() => dense(3 << 20)).toThrow('inflates more than 200 times its compressed size');
      expect(() => budget.forEntry(1 << 30)(1)).toThrow(
        'the archive inflates more than 100 times its size',
      );
    });

    it('stops the whole archive past its own limit, entry by entry', async () => {
      const long = post('Long', 'x'.repeat(600_000));
      const entries = [1, 2, 3].map((i) => file(`_posts/2024-01-0${i}-long-${i}.md`, long));
      const limits = { ...ZIP_LIMITS, archiveBytes: 1_000_000, archiveRatio: 1e9, entryRatio: 1e9 };
      const { report } = await importZip(await zipOf(entries), limits);
      expect(report.created).toBe(1);
      expect(report.failed.map((f) => f.reason)).toEqual([
        expect.stringContaining('the archive inflates past'),
        expect.stringContaining('the archive inflates past'),
      ]);
    });
  });

  describe('hostile names', () => {
    it('are refused one by one with the reason; the rest imports', async () => {
      const deep = `${'a/'.repeat(40)}2024-01-01-deep.md`;
      const long = `_posts/${'n'.repeat(2000)}.md`;
      const { report, titles } = await importZip(
        await zipOf([
          file('../2024-01-01-climb.md', post('Climb')),
          file('_posts/../../x.md', post('Climb 2')),
          file('/etc/2024-01-01-abs.md', post('Absolute')),
          file(deep, post('Deep')),
          file(long, post('Long name')),
          file('_posts/2024-01-01-fine.md', post('Fine')),
        ]),
      );
      expect(titles).toEqual(['Fine']);
      expect(report.expected).toBe(6);
      expect(report.failed).toEqual([
        { file: '../2024-01-01-climb.md', reason: expect.stringContaining('climbs out') },
        { file: '_posts/../../x.md', reason: expect.stringContaining('climbs out') },
        { file: '/etc/2024-01-01-abs.md', reason: expect.stringContaining('absolute') },
        { file: deep, reason: expect.stringContaining('40 nested folders') },
        { file: long, reason: expect.stringContaining('a name of 2,010 characters') },
      ]);
    });

    it('a refused sidecar takes its post along (an article is whole or not at all)', async () => {
      const { report, titles } = await importZip(
        await zipOf([
          file('_posts/2024-01-01-a.md', post('A')),
          { ...file('_gleaner/_posts/2024-01-01-a.json', '{}'), size: 1 << 30 },
        ]),
      );
      expect(titles).toEqual([]);
      expect(report.failed).toEqual([
        {
          file: '_posts/2024-01-01-a.md',
          reason: expect.stringContaining(
            '_gleaner/_posts/2024-01-01-a.json: Refused: it declares',
          ),
        },
      ]);
    });

    it.each([
      ['_posts/a.md', null],
      ['a/../b.md', 'climbs out'],
      ['a\\..\\b.md', 'climbs out'],
      ['C:/x.md', 'absolute'],
      ['a\u0000.md', 'control characters'],
    ])('refusedName(%j)', (name, reason) => {
      const result = refusedName(name);
      if (reason === null) expect(result).toBeNull();
      else expect(result).toContain(reason);
    });
  });

  describe('a damaged archive', () => {
    const numbers = Array.from({ length: 300 }, (_, i) => i * 7919).join(' ');
    const three = () => [
      file(EXPORT_MANIFEST, JSON.stringify({ format: 'gleaner-export', version: 1, articles: 3 })),
      file('_posts/2024-01-01-one.md', post('One', numbers)),
      file('_posts/2024-01-02-two.md', post('Two', numbers)),
      file('_posts/2024-01-03-three.md', post('Three', numbers)),
    ];

    it('cut short: imports the whole entries before the cut and reports the rest', async () => {
      const entries = three();
      const full = new Uint8Array(await (await zipOf(entries)).arrayBuffer());
      // Cut inside the third post's data: its end and the central directory are gone.
      const thirdEnds = entries.reduce((sum, e) => sum + 30 + e.path.length + e.data.length, 0);
      const cut = new Blob([full.slice(0, thirdEnds - 20)]);
      const { report, titles } = await importZip(cut);
      expect(titles).toEqual(['One', 'Two']);
      expect(report.expected).toBe(3);
      expect(report.damaged).toEqual([
        { file: 'test.zip', reason: expect.stringContaining('is cut short') },
      ]);
      expect(report.failed).toEqual([
        {
          file: 'test.zip',
          reason: '1 of the 3 articles its manifest lists are not in the archive',
        },
      ]);
    });

    it('a corrupted entry: that article is reported, the others import', async () => {
      const bytes = new Uint8Array(await (await zipOf(three())).arrayBuffer());
      const second = new TextEncoder().encode('_posts/2024-01-02-two.md');
      const at = bytes.findIndex((_, i) => second.every((b, k) => bytes[i + k] === b));
      for (let i = at + second.length + 10; i < at + second.length + 60; i++) bytes[i]! ^= 0x5a;
      const { report, titles } = await importZip(new Blob([bytes]));
      expect(titles).toEqual(['One', 'Three']);
      expect(report).toMatchObject({ expected: 3, created: 2, damaged: [] });
      expect(report.failed).toEqual([
        { file: '_posts/2024-01-02-two.md', reason: expect.stringContaining('Damaged') },
      ]);
    });
  });

  // Other tools run as processes: seconds each on a loaded machine.
  describe('archives from other tools', { timeout: 120_000 }, () => {
    const site = path.join(work, 'site');
    mkdirSync(path.join(site, '_posts'), { recursive: true });
    mkdirSync(path.join(site, '__MACOSX', '_posts'), { recursive: true });
    writeFileSync(path.join(site, '_posts', '2024-01-01-one.md'), post('One'));
    writeFileSync(path.join(site, '_posts', '2024-01-02-二.md'), post('二'));
    writeFileSync(path.join(site, '_posts', '.DS_Store'), 'Bud1');
    writeFileSync(path.join(site, '_posts', '._2024-01-01-one.md'), '\u0000\u0005\u0016\u0007');
    writeFileSync(path.join(site, '__MACOSX', '_posts', '._2024-01-02-二.md'), '\u0000\u0005');

    const zipFile = async (name: string) => new Blob([readFileSync(path.join(work, name))]);

    it('Info-ZIP (zip -r)', async () => {
      execFileSync('zip', ['-qr', path.join(work, 'infozip.zip'), '_posts'], { cwd: site });
      const { report, titles } = await importZip(await zipFile('infozip.zip'));
      expect(titles).toEqual(['One', '二']);
      expect(report).toMatchObject({ expected: 2, failed: [], damaged: [], ignored: 0 });
    });

    it('macOS Finder-like: entries with data descriptors, __MACOSX and ._ files', async () => {
      // Python writing to a pipe cannot seek back: sizes go in data descriptors, as Finder writes them.
      const bytes = execFileSync(
        'python3',
        [
          '-c',
          [
            'import os, sys, zipfile',
            'z = zipfile.ZipFile(sys.stdout.buffer, "w", zipfile.ZIP_DEFLATED)',
            'for root, dirs, files in sorted(os.walk(".")):',
            '  for name in sorted(files): z.write(os.path.join(root, name)[2:])',
            'z.close()',
          ].join('\n'),
        ],
        { cwd: site, maxBuffer: 1 << 20 },
      );
      writeFileSync(path.join(work, 'finder.zip'), bytes);
      expect(bytes.readUInt16LE(6) & 0x0008).toBe(0x0008);
      const { report, titles } = await importZip(await zipFile('finder.zip'));
      expect(titles).toEqual(['One', '二']);
      expect(report).toMatchObject({ expected: 2, failed: [], damaged: [], ignored: 0 });
    });

    it('Python’s zipfile', async () => {
      execFileSync(
        'python3',
        [
          '-c',
          'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n  z.writestr("_posts/2024-01-01-one.md", sys.argv[2])\n  z.writestr("_posts/2024-01-02-two.md", sys.argv[3])',
          path.join(work, 'python.zip'),
          post('One'),
          post('Two'),
        ],
        { encoding: 'utf8' },
      );
      const { report, titles } = await importZip(await zipFile('python.zip'));
      expect(titles).toEqual(['One', 'Two']);
      expect(report).toMatchObject({ expected: 2, failed: [] });
    });
  });
});
