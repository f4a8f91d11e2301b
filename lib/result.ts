/** A serialisable outcome for the message boundary: lib code throws, handlers return this. */
export type Result<T, E = { code: string; message: string }> =
  { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}
