import { describe, expect, it } from 'vitest';
import { foldText, parseQuery } from '@/lib/library/fold';
import { SearchIndex, bestFirst, toHits, type SearchDoc } from '@/lib/library/search-index';
import { markMatches, snippet } from '@/lib/library/snippet';

const DOCS: SearchDoc[] = [
  {
    id: 'wecom',
    title: '连接5亿微信活跃用户 企业微信还是选择「Hard」模式',
    text: '发布会现场的一位展商案例可以回答这个问题。企业微信成为了这一命题的最优解。腾讯文档、腾讯会议团队宣布融合打通。',
    notes: '',
  },
  {
    id: 'split',
    title: '企业的故事',
    text: '这家企业在上海。业微是一个罕见的组合。他的微信很少用。',
    notes: '',
  },
  {
    id: 'ferry',
    title: 'Harbour ferry returns after the storm',
    text: 'The Café on the pier reopened. Commuters climbed aboard while the climate debate went on.',
    notes: 'Key quote about commuters\nnote: check the timetable',
  },
  {
    id: 'climate',
    title: 'Climate policy: what changes in 2026',
    text: 'Climate, climate and more climate. The government announced a plan.',
    notes: '',
  },
];

function indexOf(docs: SearchDoc[]): SearchIndex {
  const index = new SearchIndex();
  for (const doc of docs) index.add(doc);
  return index;
}

const ids = (index: SearchIndex, query: string) => index.search(query).map((hit) => hit.id);

describe('folding and query parsing', () => {
  it('folds case, accents, ligatures and full-width forms', () => {
    expect(foldText('Café ÉCOLE Straße ﬁne Ｈａｒｄ don’t')).toBe(
      'cafe ecole strasse fine hard dont',
    );
  });

  it('cuts CJK runs into bigrams and keeps words whole', () => {
    expect(parseQuery('企业微信 Hard')).toEqual([
      { kind: 'cjk', text: '企业微信', grams: ['企业', '业微', '微信'] },
      { kind: 'word', text: 'hard' },
    ]);
  });
});

describe('Chinese search', () => {
  const index = indexOf(DOCS);

  it('finds a two-character word inside a sentence', () => {
    expect(ids(index, '微信')).toEqual(expect.arrayContaining(['wecom', 'split']));
    expect(ids(index, '命题')).toEqual(['wecom']);
  });

  it('finds three- and four-character words only where they stand together', () => {
    // "split" has 企业, 业微 and 微信, but never 企业微信 in a row.
    expect(ids(index, '企业微信')).toEqual(['wecom']);
    expect(ids(index, '最优解')).toEqual(['wecom']);
    expect(ids(index, '腾讯会议')).toEqual(['wecom']);
  });

  it('matches mixed Chinese and Latin queries, the Latin folded', () => {
    expect(ids(index, '企业微信 hard')).toEqual(['wecom']);
    expect(ids(index, 'ＨＡＲＤ 模式')).toEqual(['wecom']);
  });

  it('finds nothing for a word that is not there', () => {
    expect(ids(index, '阿里巴巴')).toEqual([]);
  });
});

describe('English search', () => {
  const index = indexOf(DOCS);

  it('matches words as prefixes, case-insensitively', () => {
    expect(ids(index, 'CLIM')).toEqual(expect.arrayContaining(['ferry', 'climate']));
    expect(ids(index, 'commut')).toEqual(['ferry']);
  });

  it('folds accents both ways', () => {
    expect(ids(index, 'cafe')).toEqual(['ferry']);
    expect(ids(index, 'café')).toEqual(['ferry']);
  });

  it('needs every word (AND)', () => {
    expect(ids(index, 'climate storm')).toEqual(['ferry']);
    expect(ids(index, 'climate zebra')).toEqual([]);
  });

  it('searches highlights and notes', () => {
    expect(ids(index, 'timetable')).toEqual(['ferry']);
  });

  it('ranks a title match and many mentions above one passing mention', () => {
    expect(ids(index, 'climate')).toEqual(['climate', 'ferry']);
  });

  it('ranks an exact word above a longer word it starts', () => {
    const exact = indexOf([
      { id: 'long', title: 'x', text: 'climbing climbing climbing', notes: '' },
      { id: 'exact', title: 'x', text: 'climb climbing', notes: '' },
    ]);
    expect(ids(exact, 'climb')).toEqual(['exact', 'long']);
  });
});

describe('index maintenance', () => {
  it('replaces a document with the same id and forgets removed ones', () => {
    const index = indexOf(DOCS);
    index.add({ ...DOCS[2]!, text: 'Only zebras now.', notes: '' });
    expect(ids(index, 'cafe')).toEqual([]);
    expect(ids(index, 'zebra')).toEqual(['ferry']);
    index.remove('ferry');
    expect(ids(index, 'zebra')).toEqual([]);
    expect(index.size).toBe(3);
  });

  it('finds words added after the first prefix search', () => {
    const index = indexOf(DOCS);
    expect(ids(index, 'zeb')).toEqual([]);
    index.add({ id: 'z', title: 'Zebra crossing', text: '', notes: '' });
    expect(ids(index, 'zeb')).toEqual(['z']);
  });
});

describe('snippets', () => {
  it('shows the matching words in context, fold-aware', () => {
    const segments = snippet(DOCS[2]!.text, parseQuery('cafe clim'))!;
    expect(segments.filter((s) => s.hit).map((s) => s.text)).toEqual([
      'Café',
      'climbed',
      'climate',
    ]);
    expect(segments.map((s) => s.text).join('')).toContain('The Café on the pier');
  });

  it('marks a Chinese word inside a long sentence and trims around it', () => {
    const text = `${'前文'.repeat(100)}企业微信成为了这一命题的最优解。${'后文'.repeat(100)}`;
    const segments = snippet(text, parseQuery('最优解'), 60)!;
    expect(segments[0]!.text).toBe('…');
    expect(segments.at(-1)!.text).toBe('…');
    expect(segments.find((s) => s.hit)!.text).toBe('最优解');
    expect(segments.map((s) => s.text).join('').length).toBeLessThan(80);
  });

  it('marks matches in a title', () => {
    expect(markMatches('Climate policy', parseQuery('polic'))).toEqual([
      { text: 'Climate ', hit: false },
      { text: 'policy', hit: true },
    ]);
  });

  it('marks the original characters where folding changes lengths (ligatures, ß, accents, CJK beyond the BMP)', () => {
    const title = 'Die STRAßE der ﬁnanzen: Éclair, 𠮷野家の牛丼 und Straße';
    const marked = (query: string) =>
      markMatches(title, parseQuery(query))
        .filter((s) => s.hit)
        .map((s) => s.text);
    expect(marked('strasse')).toEqual(['STRAßE', 'Straße']);
    expect(marked('finanzen')).toEqual(['ﬁnanzen']);
    expect(marked('eclair')).toEqual(['Éclair']);
    expect(marked('野家')).toEqual(['野家']);
    expect(marked('𠮷野')).toEqual(['𠮷野']);
    expect(
      markMatches(title, parseQuery('und'))
        .map((s) => s.text)
        .join(''),
    ).toBe(title);
  });

  it('returns null when nothing matches', () => {
    expect(snippet('nothing here', parseQuery('zebra'))).toBeNull();
  });
});

describe('bestFirst', () => {
  it('orders by score, highest first, and equal scores by id, as a comparator sort does', () => {
    // Scores from a small set, so most hits tie with others and their ids decide.
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const ids = Array.from({ length: 2000 }, (_, i) => `doc-${Math.floor(random() * 1e6)}-${i}`);
    const scores = Float64Array.from(ids, () => [0.5, 1.25, 3, 7.75][Math.floor(random() * 4)]!);
    const expected = ids
      .map((id, i) => ({ id, score: scores[i]! }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    expect(toHits(ids, scores)).toEqual(expected);
  });

  it('gives every index once, and nothing for no hits', () => {
    const order = bestFirst(Float64Array.from([2, 9, 2, 4]), (i) => ['d', 'c', 'b', 'a'][i]!);
    expect([...order]).toEqual([1, 3, 2, 0]);
    expect(bestFirst(new Float64Array(0), () => '')).toHaveLength(0);
  });
});
