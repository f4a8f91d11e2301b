/** Byte arrays joined into one (the one itself when there is only one). */
export function concatBytes(parts: readonly Uint8Array[]): Uint8Array<ArrayBuffer> {
  if (parts.length === 1 && parts[0]?.buffer instanceof ArrayBuffer)
    return parts[0] as Uint8Array<ArrayBuffer>;
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    joined.set(part, at);
    at += part.length;
  }
  return joined;
}
