/**
 * Which corpus pages the repository carries (tests/fixtures/corpus/): the pages tests name, plus a
 * small sample of each dataset for the eval floors, only from sources whose licence allows copying.
 */

/** Licences that allow copying with attribution, as the corpus's `license` field begins. */
export const ALLOWED_LICENCES = ['MIT', 'Apache-2.0', 'CC-BY-4.0'] as const;
export type AllowedLicence = (typeof ALLOWED_LICENCES)[number];

/** The pages tests name, by the test that needs them. */
export const NAMED_PAGES: Readonly<Record<string, readonly string[]>> = {
  'tests/hostile/fuzz.test.ts (English, Czech, simplified and traditional Chinese)': [
    'moz-aktualne',
    'sh-04a6711caa7c6875',
    'sh-06e5123e4ef7cfb4',
    'wcxb-dev-0026',
    'cwced-5dc3fa2d',
    'cwced-0d931936',
    'cwced-0df12126',
  ],
  'tests/sites (15 English, 15 Chinese; titles with quotes, colons, |, ?, brackets)': [
    'moz-herald-sun-1',
    'moz-citylab-1',
    'moz-wapo-2',
    'moz-bbc-1',
    'moz-lwn-1',
    'sh-94fbcc2677208864',
    'sh-33fe2471fd553c65',
    'sh-2f42ef1d3ea0c96e',
    'sh-076f4f33bf75059d',
    'sh-d0382c0d9573a0a7',
    'wcxb-dev-0124',
    'wcxb-dev-4619',
    'wcxb-dev-0238',
    'wcxb-dev-4326',
    'wcxb-dev-0457',
    'cwced-2397c95d',
    'moz-gmw',
    'moz-pixnet',
    'cwced-386d70f8',
    'cwced-47f387e6',
    'cwced-59562291',
    'cwced-5acac71b',
    'cwced-3e1af229',
    'cwced-d96c76b7',
    'cwced-d8d4c4ec',
    'cwced-7c6d2080',
    'cwced-a6e8b739',
    'cwced-f70d9c97',
    'cwced-c4d032a1',
    'cwced-5dc3fa2d',
  ],
  'tests/markdown/mark-in-markdown.test.ts (the first Chinese pages with a URL)': ['moz-qq'],
};

/** The eval sample: of each dataset's pages (sorted by name) up to this size, every Nth. */
export const SAMPLE_MAX_BYTES = 80 * 1024;
export const SAMPLE_EVERY = 4;

export interface SliceCandidate {
  name: string;
  dataset: string;
  license: string;
  htmlBytes: number;
}

export function allowedLicence(license: string): AllowedLicence | null {
  return ALLOWED_LICENCES.find((allowed) => license.startsWith(allowed)) ?? null;
}

/** The slice's page names, sorted. Throws when a named page is missing or not copyable. */
export function selectSlice(candidates: readonly SliceCandidate[]): string[] {
  const byName = new Map(candidates.map((candidate) => [candidate.name, candidate]));
  const chosen = new Set<string>();
  for (const name of Object.values(NAMED_PAGES).flat()) {
    const candidate = byName.get(name);
    if (!candidate) throw new Error(`${name} is not in the corpus`);
    if (!allowedLicence(candidate.license))
      throw new Error(`${name} is under "${candidate.license}", which does not allow copying`);
    chosen.add(name);
  }
  const datasets = new Map<string, SliceCandidate[]>();
  for (const candidate of candidates) {
    if (!allowedLicence(candidate.license) || candidate.htmlBytes > SAMPLE_MAX_BYTES) continue;
    datasets.set(candidate.dataset, [...(datasets.get(candidate.dataset) ?? []), candidate]);
  }
  for (const pages of datasets.values()) {
    const names = pages.map((page) => page.name).sort();
    for (let index = 0; index < names.length; index += SAMPLE_EVERY) chosen.add(names[index]!);
  }
  return [...chosen].sort();
}
