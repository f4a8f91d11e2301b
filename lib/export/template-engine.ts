/**
 * The Liquid engine behind custom templates and file-name patterns (liquidjs: an interpreter, no
 * `eval`/`new Function`, so it runs under an MV3 extension page's CSP). Strict: an unknown variable
 * or filter is an error, not an empty string. No includes or layouts: there is no file system.
 */

import { Liquid } from 'liquidjs';
import { pinyin } from 'pinyin-pro';
import { slugify } from './slug';
import { inTimeZone, isValidTimeZone, parseZoned, strftime } from './zoned-date';

/** Our own filters; Liquid's standard ones (`join`, `truncate`, `downcase`, `replace`…) stay available. */
export const CUSTOM_FILTERS = ['slug', 'pinyin', 'date', 'lower', 'upper', 'blockquote'] as const;

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(text).join('');
  return String(value);
}

/**
 * `{{ published | date: "%Y-%m-%d", "Asia/Tokyo" }}`: strftime on the date's own wall clock, or
 * in the zone given. Without a format, RFC 3339. An empty value (no published date) stays empty.
 */
function dateFilter(value: unknown, format?: unknown, zone?: unknown): string {
  const input = text(value).trim();
  if (!input) return '';
  let date;
  try {
    date = parseZoned(input);
  } catch {
    throw new Error(
      `date: ${JSON.stringify(input)} is not a date-time with an offset (use date, published or saved)`,
    );
  }
  let zoneName: string | undefined;
  if (zone !== undefined && zone !== null && text(zone) !== '') {
    zoneName = text(zone);
    if (!isValidTimeZone(zoneName)) throw new Error(`date: unknown time zone "${zoneName}"`);
    date = inTimeZone(date, zoneName);
  }
  const pattern = format === undefined || format === null ? '%Y-%m-%dT%H:%M:%S%:z' : text(format);
  return strftime(date, pattern, zoneName);
}

function slugFilter(value: unknown, maxLength?: unknown): string {
  const max = maxLength === undefined ? 80 : Number(maxLength);
  if (!Number.isInteger(max) || max < 1)
    throw new Error('slug: the length must be a whole number ≥ 1');
  return slugify(text(value), max);
}

function pinyinFilter(value: unknown): string {
  const input = text(value);
  if (!input) return '';
  return pinyin(input, { toneType: 'none', nonZh: 'consecutive', v: true })
    .replace(/\s+/g, ' ')
    .trim();
}

function blockquoteFilter(value: unknown): string {
  return text(value)
    .split('\n')
    .map((line) => (line.trim() ? `> ${line}` : '>'))
    .join('\n');
}

let engine: Liquid | null = null;

export function templateEngine(): Liquid {
  if (engine) return engine;
  const liquid = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    // In-memory and empty: `{% include %}`, `{% render %}` and `{% layout %}` find nothing.
    templates: {},
    // A template must not hang the options page or an export.
    parseLimit: 200_000,
    renderLimit: 2_000,
    memoryLimit: 200_000_000,
  });
  liquid.registerFilter('date', dateFilter);
  liquid.registerFilter('slug', slugFilter);
  liquid.registerFilter('pinyin', pinyinFilter);
  liquid.registerFilter('lower', (value: unknown) => text(value).toLowerCase());
  liquid.registerFilter('upper', (value: unknown) => text(value).toUpperCase());
  liquid.registerFilter('blockquote', blockquoteFilter);
  engine = liquid;
  return liquid;
}

/** liquidjs errors say `undefined variable: x, line:1, col:4`; ours read as sentences. */
export function describeTemplateError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /, line:(\d+), col:(\d+)/.exec(message);
  let core = message.replace(/, line:\d+, col:\d+[\s\S]*$/, '').trim();
  const variable = /^undefined variable: (.+)$/.exec(core);
  const filter = /^undefined filter: (.+)$/.exec(core);
  if (variable) core = `unknown variable "${variable[1]}"`;
  else if (filter) core = `unknown filter "${filter[1]}"`;
  else if (/^ENOENT: Failed to lookup/.test(core)) core = 'includes and layouts are not available';
  return position ? `${core} (line ${position[1]}, column ${position[2]})` : core;
}

/** Renders a template to text; throws an Error whose message is the readable description. */
export function renderTemplate(template: string, scope: Record<string, unknown>): string {
  const liquid = templateEngine();
  try {
    return liquid.renderSync(liquid.parse(template), scope) as string;
  } catch (error) {
    throw new Error(describeTemplateError(error), { cause: error });
  }
}

const SINGLE_OUTPUT = /^\s*\{\{-?([\s\S]*?)-?\}\}\s*$/;

/**
 * A template's value: when the template is one `{{ … }}` output, the value itself (a list stays a
 * list); otherwise the rendered text.
 */
export function evaluateTemplate(template: string, scope: Record<string, unknown>): unknown {
  const single = SINGLE_OUTPUT.exec(template);
  if (single?.[1] !== undefined && !single[1].includes('}}') && !single[1].includes('{{')) {
    const liquid = templateEngine();
    try {
      // Parse it as a template first: that is where syntax and filter errors are reported.
      liquid.parse(template);
      return liquid.evalValueSync(single[1], scope) as unknown;
    } catch (error) {
      throw new Error(describeTemplateError(error), { cause: error });
    }
  }
  return renderTemplate(template, scope);
}
