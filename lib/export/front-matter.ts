/** YAML front matter, written and read with the `yaml` package (never by pasting strings). */

import { Document, Pair, Scalar, YAMLMap, YAMLSeq, parseDocument } from 'yaml';
import type { ScalarTag } from 'yaml';

/**
 * A date to emit as a plain (unquoted) scalar, e.g. `2022-01-12 21:56:33 +0800`.
 * A plain string would be quoted, because YAML 1.1 reads it as a timestamp; here that is the point.
 */
export interface PlainDate {
  readonly plainDate: string;
}

export type FrontMatterValue = string | number | boolean | readonly string[] | PlainDate;

export type FrontMatterField = [key: string, value: FrontMatterValue];

export interface FrontMatterOptions {
  /** Keys whose string values are always written as `"…"` (the seed's `title:`). */
  doubleQuoted?: readonly string[];
}

// `YYYY-MM-DD`, optionally with a time and an offset: shapes Jekyll, Psych and YAML 1.1 all read as dates.
const PLAIN_DATE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?: ?(?:Z|[+-]\d{2}(?::?\d{2})?))?)?$/;

// Keys are ours (layout, title, date…), so anything unusual is a programming error.
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * Plain scalars that Ruby's Psych (Jekyll's parser) resolves to a non-string although the `yaml`
 * package's YAML 1.1 schema would not: Psych is case-insensitive for booleans and null, accepts
 * commas in numbers, reads `:name` as a Symbol (which Jekyll's safe_load rejects) and `+0800`
 * offsets without a colon. Ported from Psych's ScalarScanner; plus YAML 1.1's `=` (value) and `<<` (merge).
 */
const PSYCH_NON_STRING: readonly RegExp[] = [
  /^:/,
  /^(?:=|<<)$/,
  /^(?:y|n|yes|no|true|false|on|off|null|~)$/i,
  /^[-+]?\.(?:inf|nan)$/i,
  /^[-+]?(?:0b[0-1_,]+|0[0-7_,]+|(?:0|[1-9](?:[0-9]|,[0-9]|_[0-9])*)|0x[0-9a-fA-F_,]+)$/,
  /^[-+]?(?:[0-9][0-9_,]*)?\.[0-9]*(?:[eE][-+][0-9]+)?$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9]){1,2}(?:\.[0-9_]*)?$/,
  /^-?\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?(?:\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?))?)?$/,
];

// Line breaks (YAML 1.1 adds NEL, LS, PS), tabs, and characters libyaml refuses raw: written double-quoted.
const NEEDS_ESCAPE = /[\t\n\r\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

// `yaml` builds "…" with JSON.stringify, which leaves these raw; libyaml (Psych) rejects raw C1 controls and
// U+FFFE/U+FFFF, and YAML 1.1 reads raw LS/PS as line breaks. They can only sit inside "…" (NEEDS_ESCAPE).
const RAW_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;
const NAMED_ESCAPES: Readonly<Record<string, string>> = {
  '\u0085': '\\N',
  '\u2028': '\\L',
  '\u2029': '\\P',
};

function escapeRaw(char: string): string {
  const code = char.charCodeAt(0);
  return (
    NAMED_ESCAPES[char] ??
    (code <= 0xff ? `\\x${code.toString(16)}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

export function plainDate(text: string): PlainDate {
  if (!PLAIN_DATE.test(text)) throw new Error(`Not a YAML date scalar: ${JSON.stringify(text)}`);
  return { plainDate: text };
}

export function isPlainDate(value: unknown): value is PlainDate {
  return (
    typeof value === 'object' &&
    value !== null &&
    'plainDate' in value &&
    typeof (value as { plainDate: unknown }).plainDate === 'string'
  );
}

// A tag only for writing: `default: true` keeps `!tag` out of the output.
const plainDateTag: ScalarTag = {
  tag: 'tag:gleaner.invalid,2025:plain-date',
  default: true,
  identify: isPlainDate,
  resolve: (text) => text,
  stringify: ({ value }) => {
    if (!isPlainDate(value) || !PLAIN_DATE.test(value.plainDate)) {
      throw new Error(`Not a YAML date scalar: ${JSON.stringify(value)}`);
    }
    return value.plainDate;
  },
};

function stringNode(text: string, forceDoubleQuotes: boolean): Scalar<string> {
  // Lone surrogates are already-broken text that neither libyaml nor `yaml` accepts as an escape.
  const value = text.toWellFormed();
  const node = new Scalar(value);
  if (
    forceDoubleQuotes ||
    NEEDS_ESCAPE.test(value) ||
    PSYCH_NON_STRING.some((re) => re.test(value))
  ) {
    node.type = Scalar.QUOTE_DOUBLE;
  }
  // Otherwise `yaml` picks plain or quoted, checking both the 1.2 core and the 1.1 schema (`compat`).
  return node;
}

function valueNode(key: string, value: FrontMatterValue, doubleQuoted: boolean): Scalar | YAMLSeq {
  if (typeof value === 'string') return stringNode(value, doubleQuoted);
  if (typeof value === 'boolean') return new Scalar(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`Front matter "${key}" is not a finite number`);
    return new Scalar(value);
  }
  if (isPlainDate(value)) return new Scalar(plainDate(value.plainDate));
  const seq = new YAMLSeq();
  for (const item of value) seq.items.push(stringNode(item, doubleQuoted));
  return seq;
}

/** `---\n…\n---\n`, in the order given; lists as block sequences, no line folding. */
export function toFrontMatter(
  fields: readonly FrontMatterField[],
  options: FrontMatterOptions = {},
): string {
  const doubleQuoted = new Set(options.doubleQuoted ?? []);
  const doc = new Document(null, {
    version: '1.2',
    schema: 'core',
    compat: 'yaml-1.1',
    customTags: [plainDateTag],
  });
  const map = new YAMLMap();
  const seen = new Set<string>();
  for (const [key, value] of fields) {
    if (!KEY.test(key)) throw new Error(`Invalid front matter key: ${JSON.stringify(key)}`);
    if (seen.has(key)) throw new Error(`Duplicate front matter key: ${key}`);
    seen.add(key);
    map.items.push(new Pair(new Scalar(key), valueNode(key, value, doubleQuoted.has(key))));
  }
  doc.contents = map;
  const yaml = doc.toString({
    lineWidth: 0,
    // Keep `\n` escaped on one line instead of spreading a quoted title over several lines.
    doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER,
    indentSeq: true,
  });
  return `---\n${yaml.replace(RAW_UNSAFE, escapeRaw)}---\n`;
}

const OPENING = /^\uFEFF?---[ \t]*\r?\n/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

/** Splits a Markdown file into its front matter (YAML 1.2 core: dates stay strings) and its body. */
export function parseFrontMatter(markdown: string): {
  data: Record<string, unknown>;
  body: string;
} {
  const opening = OPENING.exec(markdown);
  if (!opening) throw new Error('No front matter: the text does not start with a "---" line');
  const rest = markdown.slice(opening[0].length);
  const closing = CLOSING.exec(rest);
  if (!closing) throw new Error('Unterminated front matter: no closing "---" line');

  const doc = parseDocument(rest.slice(0, closing.index), { version: '1.2', schema: 'core' });
  const error = doc.errors[0];
  if (error) throw new Error(`Invalid front matter YAML: ${error.message}`);
  const data: unknown = doc.toJS();
  if (data !== null && (typeof data !== 'object' || Array.isArray(data))) {
    throw new Error('Invalid front matter: expected a mapping of keys to values');
  }
  return {
    data: (data ?? {}) as Record<string, unknown>,
    body: rest.slice(closing.index + closing[0].length),
  };
}
