import type { ComponentChildren } from 'preact';
import { t, type MessageKey } from '@/lib/i18n';

/** Marks a substitution so the translated text can be split around it (never in a message). */
const MARK = '\u0000';

/**
 * A translated message whose substitutions are elements, e.g. `<code>` inside a hint: the
 * translation decides where each one goes.
 */
export function richMessage(key: MessageKey, ...parts: ComponentChildren[]): ComponentChildren[] {
  const text = t(key, ...parts.map((_, index) => `${MARK}${index}${MARK}`));
  return text
    .split(new RegExp(`${MARK}(\\d+)${MARK}`))
    .map((piece, index) => (index % 2 === 1 ? parts[Number(piece)] : piece));
}
