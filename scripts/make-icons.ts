/**
 * Draws the toolbar icon (a page with a highlighted line) at every size the stores ask for and
 * writes PNGs to public/icon/. Run once after changing the design: `npx tsx scripts/make-icons.ts`.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
const ACCENT: Rgba = [180, 83, 42, 255];
const PAPER: Rgba = [255, 252, 245, 255];
const INK: Rgba = [90, 80, 70, 255];
const MARK: Rgba = [255, 205, 60, 255];

/** The colour at (x, y) in a 1×1 design space. */
function shade(x: number, y: number): Rgba | null {
  const r = 0.18;
  const dx = Math.max(0, Math.abs(x - 0.5) - (0.5 - r));
  const dy = Math.max(0, Math.abs(y - 0.5) - (0.5 - r));
  if (dx * dx + dy * dy > r * r) return null;
  const inPage = x > 0.22 && x < 0.78 && y > 0.16 && y < 0.84;
  if (!inPage) return ACCENT;
  const lines = [0.3, 0.44, 0.58, 0.72];
  for (const [index, line] of lines.entries()) {
    if (Math.abs(y - line) < 0.045 && x > 0.3 && x < (index === 3 ? 0.58 : 0.7))
      return index === 1 ? MARK : INK;
  }
  if (Math.abs(y - 0.44) < 0.075 && x > 0.27 && x < 0.73) return MARK;
  return PAPER;
}

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), Buffer.from(data)]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

function png(size: number): Buffer {
  const samples = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y += 1) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x += 1) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy += 1)
        for (let sx = 0; sx < samples; sx += 1) {
          const c = shade((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          if (!c) continue;
          for (let i = 0; i < 3; i += 1) sum[i]! += c[i]! * c[3];
          sum[3]! += c[3];
        }
      const alpha = sum[3]! / (samples * samples);
      const offset = y * (size * 4 + 1) + 1 + x * 4;
      for (let i = 0; i < 3; i += 1) raw[offset + i] = sum[3] ? Math.round(sum[i]! / sum[3]!) : 0;
      raw[offset + 3] = Math.round(alpha);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 96, 128]) writeFileSync(`public/icon/${size}.png`, png(size));
console.log('icons written to public/icon/');
