import { describe, expect, it } from 'vitest';
import { GitTransportError } from '@/lib/publish/git-errors';
import { pktLine, readPktLines, refusalIn } from '@/lib/publish/push-objects';

const bytes = (text: string) => new TextEncoder().encode(text);
const REF = 'refs/heads/main';

describe('the receive-pack request and its report', () => {
  it('writes a pkt-line with its length in four hex digits, itself counted', () => {
    expect(new TextDecoder().decode(pktLine('unpack ok\n'))).toBe('000eunpack ok\n');
    // The length counts bytes, not characters.
    expect(pktLine('é\n').length).toBe(4 + 3);
    expect(new TextDecoder().decode(pktLine('é\n')).slice(0, 4)).toBe('0007');
  });

  it('reads report-status lines, flushes left out', () => {
    const answer = bytes(`000eunpack ok\n0017ok ${REF}\n0000`);
    expect(readPktLines(answer)).toEqual(['unpack ok', `ok ${REF}`]);
    expect(refusalIn(readPktLines(answer), REF)).toBeNull();
  });

  it('says why the server refused the update, or the pack', () => {
    expect(refusalIn(['unpack ok', `ng ${REF} non-fast-forward`], REF)).toBe('non-fast-forward');
    expect(refusalIn(['unpack index-pack failed', `ng ${REF} unpacker error`], REF)).toBe(
      'index-pack failed',
    );
    expect(refusalIn(['unpack ok'], REF)).toBe('the server did not report the update');
  });

  it('refuses an answer that is not git, or cut short', () => {
    expect(() => readPktLines(bytes('<!doctype html>'))).toThrow(GitTransportError);
    expect(() => readPktLines(bytes('0030unpack ok'))).toThrow(/cut short/);
  });
});
