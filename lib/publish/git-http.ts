/**
 * isomorphic-git's HTTP client over the browser's fetch (as its own `http/web`), with the checks a
 * repository URL typed by a user needs: no redirect to another host, no cookies, and a cap on
 * what one answer may hold, so an odd server gives an error instead of filling the memory.
 */
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import { concatBytes } from '../bytes';
import { GitTransportError } from './git-errors';

/** A fresh clone of a site with years of posts stays far below this; a bigger answer is refused. */
export const MAX_RESPONSE_BYTES = 512 * 1024 * 1024;

async function collect(
  body: AsyncIterable<Uint8Array> | undefined,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (!body) return undefined;
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  return concatBytes(parts);
}

async function* limited(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
  onBytes: (n: number) => void,
): AsyncIterableIterator<Uint8Array> {
  if (!stream) return;
  const reader = stream.getReader();
  let total = 0;
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      total += value.byteLength;
      onBytes(value.byteLength);
      if (total > maxBytes) {
        throw new GitTransportError('too-large', `The server sent more than ${maxBytes} bytes.`);
      }
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

export interface MeteredHttp extends HttpClient {
  /** Bytes received so far through this client (the bench reports them). */
  bytesReceived(): number;
}

export function createGitHttp(
  fetchImpl: typeof fetch = (...args) => fetch(...args),
  maxBytes = MAX_RESPONSE_BYTES,
): MeteredHttp {
  let received = 0;
  return {
    bytesReceived: () => received,
    async request(request: GitHttpRequest): Promise<GitHttpResponse> {
      const body = await collect(request.body);
      const response = await fetchImpl(request.url, {
        method: request.method ?? 'GET',
        headers: request.headers,
        body,
        credentials: 'omit',
        redirect: 'manual',
        signal: request.signal as AbortSignal | undefined,
      });
      if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
        throw new GitTransportError(
          'redirected',
          'The repository URL redirects elsewhere: use the address it redirects to.',
        );
      }
      const headers: Record<string, string> = {};
      response.headers.forEach((value, key) => {
        headers[key] = value;
      });
      return {
        url: response.url || request.url,
        method: request.method ?? 'GET',
        statusCode: response.status,
        statusMessage: response.statusText,
        body: limited(response.body, maxBytes, (n) => (received += n)),
        headers,
      };
    },
  };
}
