import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

/** The path of the first file in `dir` whose name matches, once the browser has written it. */
export async function waitForFile(
  dir: string,
  pattern: RegExp,
  timeoutMs = 20_000,
): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const name = existsSync(dir) ? readdirSync(dir).find((file) => pattern.test(file)) : undefined;
    if (name) return path.join(dir, name);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`No file matching ${pattern} in ${dir}`);
}
