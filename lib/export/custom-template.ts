/**
 * Custom templates: front-matter fields (key, Liquid value, type) and a Liquid body. Values are
 * rendered, converted to their type, and only then written by `toFrontMatter`: a template decides
 * what a value says, never how the YAML is spelled, so no value can inject YAML.
 */

import type { CustomTemplate, FieldType, TemplateField } from './export-settings';
import {
  plainDate,
  toFrontMatter,
  type FrontMatterField,
  type FrontMatterValue,
} from './front-matter';
import { evaluateTemplate, renderTemplate } from './template-engine';

const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const DATE_SHAPE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?: ?(?:Z|[+-]\d{2}(?::?\d{2})?))?)?$/;

function asText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(asText).filter(Boolean).join(', ');
  if (typeof value === 'object')
    throw new Error('gives an object, not text (pick one of its fields)');
  return String(value);
}

/** A field's value in its type, or null when it renders empty (the field is then left out). */
export function typedValue(type: FieldType, value: unknown): FrontMatterValue | null {
  switch (type) {
    case 'text': {
      const text = asText(value).trim();
      return text || null;
    }
    case 'list': {
      const items = Array.isArray(value) ? value.map(asText) : asText(value).split(/[,\n，、]/);
      const list = [...new Set(items.map((item) => item.trim()).filter(Boolean))];
      return list.length ? list : null;
    }
    case 'date': {
      const text = asText(value).trim();
      if (!text) return null;
      if (!DATE_SHAPE.test(text)) {
        throw new Error(
          `gives ${JSON.stringify(text)}, which is not a date (e.g. 2022-01-12, or 2022-01-12T21:56:33+08:00: use date, published or saved, optionally with | date: "%Y-%m-%d")`,
        );
      }
      try {
        return plainDate(text);
      } catch {
        throw new Error(`gives ${JSON.stringify(text)}, which is not a date`);
      }
    }
    case 'number': {
      if (typeof value === 'number' && Number.isFinite(value)) return value;
      const text = asText(value).trim();
      if (!text) return null;
      const number = Number(text);
      if (!Number.isFinite(number))
        throw new Error(`gives ${JSON.stringify(text)}, which is not a number`);
      return number;
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      const text = asText(value).trim().toLowerCase();
      if (!text) return null;
      if (text === 'true') return true;
      if (text === 'false') return false;
      throw new Error(`gives ${JSON.stringify(text)}; a boolean field must give true or false`);
    }
  }
}

function fieldLabel(field: TemplateField, index: number): string {
  return field.key.trim() ? `Field "${field.key.trim()}"` : `Field ${index + 1}`;
}

/** The front-matter fields, rendered and typed; throws with the field's name on the first error. */
export function renderFields(
  fields: readonly TemplateField[],
  scope: Record<string, unknown>,
): FrontMatterField[] {
  const result: FrontMatterField[] = [];
  const seen = new Set<string>();
  fields.forEach((field, index) => {
    const key = field.key.trim();
    const label = fieldLabel(field, index);
    if (!key) throw new Error(`${label}: the key is empty`);
    if (!KEY.test(key)) {
      throw new Error(
        `${label}: a key starts with a letter or _ and holds only letters, digits, _ and -`,
      );
    }
    if (seen.has(key)) throw new Error(`${label}: the key is used twice`);
    seen.add(key);
    let value: FrontMatterValue | null;
    try {
      value = typedValue(field.type, evaluateTemplate(field.value, scope));
    } catch (error) {
      throw new Error(
        `${label} (${field.type}): ${error instanceof Error ? error.message : String(error)}`,
        {
          cause: error,
        },
      );
    }
    if (value !== null) result.push([key, value]);
  });
  return result;
}

/** Front matter and body of a custom template. */
export function renderCustomContent(
  template: CustomTemplate,
  scope: Record<string, unknown>,
): string {
  const fields = renderFields(template.fields, scope);
  let body: string;
  try {
    body = renderTemplate(template.body, scope);
  } catch (error) {
    throw new Error(`Body: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  // Liquid tags leave blank lines behind: at most one blank line in a row outside code fences.
  const tidy = collapseBlankLines(body).trim();
  const frontMatter = fields.length ? toFrontMatter(fields) : '';
  if (!frontMatter) return tidy ? `${tidy}\n` : '';
  return tidy ? `${frontMatter}\n${tidy}\n` : frontMatter;
}

/** Runs of blank lines become one, except inside ``` / ~~~ fences, where they are content. */
export function collapseBlankLines(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  let blank = 0;
  for (const line of markdown.split('\n')) {
    const marker = /^\s{0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker && (!fence || (marker[0] === fence[0] && marker.length >= fence.length))) {
      fence = fence ? null : marker;
    }
    const isBlank = !line.trim();
    if (isBlank && !fence) {
      blank += 1;
      if (blank > 1) continue;
      out.push('');
    } else {
      blank = 0;
      out.push(line);
    }
  }
  return out.join('\n');
}

/** The folder of a custom template, as `/`-separated segments that are safe file names. */
export function renderFolder(
  folder: string,
  scope: Record<string, unknown>,
  safe: (s: string) => string,
): string {
  let rendered: string;
  try {
    rendered = renderTemplate(folder, scope);
  } catch (error) {
    throw new Error(`Folder: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  return rendered
    .split(/[/\\]+/)
    .map((segment) => safe(segment.trim()))
    .filter((segment) => segment && segment !== '.' && segment !== '..')
    .join('/');
}
