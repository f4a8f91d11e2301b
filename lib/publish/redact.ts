/**
 * Removes secrets from text before it is shown, logged or stored: the token itself, its
 * URL-encoded form, and any `user:password@` in a URL.
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text.replace(/(\/\/)[^/@\s]+@/g, '$1***@');
  for (const secret of secrets) {
    // A secret of a few characters would blank out ordinary words; tokens are long.
    if (secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)]))
      out = out.split(form).join('***');
  }
  return out;
}
