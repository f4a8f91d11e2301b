import { describe, expect, it } from 'vitest';
import { parseQuery } from '@/lib/library/fold';
import {
  chunkOf,
  chunkRangeOf,
  joinPlaces,
  packSegment,
  placesKey,
  queryRanges,
  unpackChunk,
  type GrowingPostings,
} from '@/lib/storage/search-chunks';

const words = (docs: number[], weights: number[]): GrowingPostings => ({
  docs,
  weights,
  offsets: null,
  positions: null,
});

describe('search chunks', () => {
  it('puts a word in the chunk of its first three characters, a CJK bigram in its first', () => {
    expect(chunkOf('government')).toBe('gov');
    expect(chunkOf('go')).toBe('go');
    expect(chunkOf('a')).toBe('a');
    expect(chunkOf('𝒳yzw')).toBe('𝒳yz');
    expect(chunkOf('经济')).toBe('经');
  });

  it('reads a typed prefix from its own chunk, or from every chunk a shorter prefix starts', () => {
    expect(chunkRangeOf('technol')).toEqual(['tec', 'tec']);
    expect(chunkRangeOf('tec')).toEqual(['tec', 'tec']);
    expect(chunkRangeOf('te')).toEqual(['te', 'te\uffff']);
    expect(chunkRangeOf('t')).toEqual(['t', 't\uffff']);
    expect(chunkRangeOf('经')).toEqual(['经', '经']);
  });

  it('finds every term a prefix starts in the chunks its range covers', () => {
    const terms = ['t', 'te', 'tea', 'technology', 'tell', 'to', 'ta', 'u', '经', '经济', '经营'];
    for (const prefix of ['t', 'te', 'tec', 'technol', 'u', '经']) {
      const [from, to] = chunkRangeOf(prefix);
      for (const term of terms.filter((t) => t.startsWith(prefix))) {
        const chunk = chunkOf(term);
        expect(chunk >= from && chunk <= to, `${term} for ${prefix}`).toBe(true);
      }
    }
  });

  it("packs a segment into one row per chunk, a CJK chunk's positions in a row of their own", () => {
    const rows = packSegment(
      7,
      new Map<string, GrowingPostings>([
        ['govern', words([1, 4], [3, 1])],
        ['good', words([2], [2])],
        ['market', words([1, 2, 3], [1, 1, 1])],
        ['经济', { docs: [1, 3], weights: [2, 1], offsets: [0, 2], positions: [5, 9, 40] }],
        ['经营', { docs: [3], weights: [1], offsets: [0], positions: [12] }],
      ]),
    );
    expect(rows.map((row) => [row.chunk, row.segment, row.terms]).sort()).toEqual([
      ['goo', 7, ['good']],
      ['gov', 7, ['govern']],
      ['mar', 7, ['market']],
      ['经\u0000', 7, []],
      ['经', 7, ['经济', '经营']],
    ]);
    // Read without its positions row, a CJK chunk gives postings only (all a two-character query needs).
    const bare = unpackChunk(rows.find((r) => r.chunk === '经')!);
    expect(bare.map((t) => [t.term, t.positions])).toEqual([
      ['经济', undefined],
      ['经营', undefined],
    ]);
    const terms = joinPlaces(rows).flatMap((row) => unpackChunk(row));
    expect(terms).toHaveLength(5);
    const govern = terms.find((t) => t.term === 'govern')!;
    expect([...Array.from(govern.docs)]).toEqual([1, 4]);
    expect([...Array.from(govern.weights)]).toEqual([3, 1]);
    expect(govern.positions).toBeUndefined();
    const economy = terms.find((t) => t.term === '经济')!;
    const placesOf = (i: number) =>
      Array.from(economy.positions!.subarray(economy.offsets![i], economy.offsets![i + 1]));
    expect(placesOf(0)).toEqual([5, 9]);
    expect(placesOf(1)).toEqual([40]);
    const business = terms.find((t) => t.term === '经营')!;
    expect(
      Array.from(business.positions!.subarray(business.offsets![0], business.offsets![1])),
    ).toEqual([12]);
    expect(
      unpackChunk(
        rows.find((r) => r.chunk === 'gov')!,
        (t) => t.startsWith('gov'),
      ),
    ).toHaveLength(1);
  });

  it('keys the positions row where no chunk range reads it', () => {
    const key = placesKey('经');
    const [from, to] = chunkRangeOf('经');
    // IndexedDB compares [chunk, segment] arrays: the range is [[from], [to, []]].
    expect(key > to).toBe(true);
    expect(key < '经济').toBe(true);
    expect(key < String.fromCodePoint('经'.codePointAt(0)! + 1)).toBe(true);
    expect(from).toBe('经');
  });

  it('reads each range a query needs once, and positions only for a phrase', () => {
    expect(queryRanges(parseQuery('gov government'))).toEqual([['gov', 'gov']]);
    expect(queryRanges(parseQuery('经济'))).toEqual([['经', '经']]);
    expect(queryRanges(parseQuery('投资者 经济'))).toEqual([
      ['投', '投'],
      ['资', '资'],
      [placesKey('投'), placesKey('投')],
      [placesKey('资'), placesKey('资')],
      ['经', '经'],
    ]);
  });
});
