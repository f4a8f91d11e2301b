/**
 * Every string a user sees goes through `t()`: the browser's i18n (`public/_locales/<lang>`),
 * chosen by the browser's language. Where there is no browser API (unit tests, Node scripts) the
 * English file answers, with the same substitution rules, once `lib/english-fallback.ts` has been
 * imported: the extension's bundles (injected into pages among them) do not carry it.
 */
import { browser } from 'wxt/browser';
import type english from '../public/_locales/en/messages.json';

export type MessageKey = keyof typeof english;
export type Substitution = string | number;

export interface MessageEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string; example?: string }>;
}

let fallback: Readonly<Record<string, MessageEntry>> = {};

/** The messages `t()` gives where the browser gives none. */
export function setFallbackMessages(messages: Readonly<Record<string, MessageEntry>>): void {
  fallback = messages;
}

/** Chrome's rules: `$NAME$` → its placeholder's content, then `$1`…`$9` → substitutions, `$$` → `$`. */
export function formatMessage(entry: MessageEntry, substitutions: readonly string[]): string {
  const placeholders = Object.fromEntries(
    Object.entries(entry.placeholders ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return entry.message
    .replace(
      /\$([a-z0-9_@]+)\$/gi,
      (_, name: string) => placeholders[name.toLowerCase()]?.content ?? '',
    )
    .replace(/\$(\$|[1-9])/g, (_, which: string) =>
      which === '$' ? '$' : (substitutions[Number(which) - 1] ?? ''),
    );
}

function fromBrowser(key: string, substitutions: string[]): string {
  try {
    // Absent in Node, and `fakeBrowser` throws "not mocked": both fall back to English.
    const api = (browser as typeof browser | undefined)?.i18n;
    return api?.getMessage(key as never, substitutions) ?? '';
  } catch {
    return '';
  }
}

/** The message `key` in the browser's language, with `$1`… filled from `substitutions`. */
export function t(key: MessageKey, ...substitutions: Substitution[]): string {
  const values = substitutions.map(String);
  const entry = fallback[key];
  return fromBrowser(key, values) || (entry ? formatMessage(entry, values) : key);
}

/** `one` for a count of exactly 1, else `other` (Chinese gives both the same text). */
export function tCount(count: number, one: MessageKey, other: MessageKey): string {
  return t(count === 1 ? one : other, count.toLocaleString());
}

/**
 * Sets `<html lang>` and the title of an extension page. The language is the one of the messages
 * actually shown (`lang` in each messages.json), not `i18n.getUILanguage()`: a browser in a
 * language we have no file for shows English, and a screen reader must read it as English.
 */
export function localizeDocument(doc: Document, title: MessageKey): void {
  doc.documentElement.lang = t('lang');
  doc.title = t(title);
}
