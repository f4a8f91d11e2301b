/**
 * isomorphic-git and lightning-fs expect two Node globals that browsers and service workers lack:
 * `Buffer` (the `buffer` package, the browser implementation bundlers use, stands in) and
 * `global` (lightning-fs's text-encoding polyfill looks for `window`, then `global`; a service
 * worker has neither). Imported first by every module that imports either library.
 */
import { Buffer } from 'buffer';

const scope = globalThis as { Buffer?: unknown; global?: unknown };
scope.Buffer ??= Buffer;
scope.global ??= globalThis;
