import { inflateSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { crc32, deflateFile } from '@/lib/library/deflate';

const TEXT = `---\ntitle: "企业微信"\n---\n\n${'连接5亿微信活跃用户，企业微信还是选择 Hard 模式。\n'.repeat(200)}`;
const bytes = new TextEncoder().encode(TEXT);

describe('deflate', () => {
  it('gives the CRC-32 that zip readers check', () => {
    // fflate's own zip writes the same CRC: a reader would refuse the entry otherwise.
    const zipped = zipSync({ 'a.md': bytes });
    const view = new DataView(zipped.buffer);
    expect(crc32(bytes)).toBe(view.getUint32(14, true));
  });

  it('deflates to the same text, with its size and CRC', () => {
    const entry = deflateFile({ path: 'a.md', text: TEXT }, 1);
    expect(new TextDecoder().decode(inflateSync(entry.data))).toBe(TEXT);
    expect(entry.size).toBe(bytes.length);
    expect(entry.crc).toBe(crc32(bytes));
    expect(entry.data.length).toBeLessThan(bytes.length / 3);
  });
});
