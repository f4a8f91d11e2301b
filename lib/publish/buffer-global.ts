/**
 * isomorphic-git uses Node's global `Buffer`, which browsers and service workers lack: the
 * `buffer` package (the browser implementation bundlers use) stands in for it.
 */
import { Buffer } from 'buffer';

const scope = globalThis as { Buffer?: unknown };
scope.Buffer ??= Buffer;
