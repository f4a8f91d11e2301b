/**
 * A real git server for tests: git's own `git http-backend` (smart HTTP, CGI) behind a small
 * Node HTTP server with basic auth, on 127.0.0.1. Repositories are bare repos in a temp folder.
 * `corsOrigin` answers an extension origin's preflights (headless Chromium cannot click the host
 * permission prompt); `stop()`/`start()` take it down and up again on the same port.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface GitServerOptions {
  user: string;
  password: string;
  /** An origin allowed to call the server from a browser (e.g. `chrome-extension://<id>`). */
  corsOrigin?: string;
}

export interface GitServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The folder holding the bare repositories. */
  root: string;
  /** Creates `<name>.git` (bare) and returns its URL; `seed` files become its first commit on `branch`. */
  createRepo(name: string, branch?: string, seed?: Record<string, string>): Promise<string>;
  /** The path of a bare repository on disk (for the git CLI). */
  repoPath(name: string): string;
  setCorsOrigin(origin: string | undefined): void;
  /** Requests answered so far (method, path, bytes of the answer's body), to assert what a client did. */
  requests: {
    method: string;
    path: string;
    status: number;
    bytes: number;
    ms: number;
    /** Whether the request carried credentials (an Authorization header). */
    credentials: boolean;
  }[];
  stop(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

const GIT_ENV = {
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Site Owner',
  GIT_AUTHOR_EMAIL: 'owner@example.org',
  GIT_COMMITTER_NAME: 'Site Owner',
  GIT_COMMITTER_EMAIL: 'owner@example.org',
};

/**
 * Runs the git CLI. Asynchronous on purpose: the server answers in this same process, so a
 * synchronous call to it would wait forever.
 */
/** `git` with its output as bytes (a blob that is not text, e.g. an image). */
export function gitBytes(args: string[], cwd?: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        encoding: 'buffer',
        env: { ...process.env, ...GIT_ENV, HOME: tmpdir(), GIT_TERMINAL_PROMPT: '0' },
      },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr.toString()}`)) : resolve(stdout),
    );
  });
}

export async function git(args: string[], cwd?: string): Promise<string> {
  return (await gitBytes(args, cwd)).toString('utf8');
}

function authorized(request: IncomingMessage, options: GitServerOptions): boolean {
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return false;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  return decoded === `${options.user}:${options.password}`;
}

/** Splits CGI output into its headers and body and writes them as an HTTP response. */
function relayCgi(output: Buffer, response: ServerResponse): { status: number; bytes: number } {
  let split = output.indexOf('\r\n\r\n');
  let gap = 4;
  if (split < 0) {
    split = output.indexOf('\n\n');
    gap = 2;
  }
  const head = output.subarray(0, Math.max(split, 0)).toString('latin1');
  const body = split < 0 ? Buffer.alloc(0) : output.subarray(split + gap);
  let status = 200;
  const headers: Record<string, string> = {};
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const value = line.slice(colon + 1).trim();
    if (name.toLowerCase() === 'status') status = Number.parseInt(value, 10);
    else headers[name] = value;
  }
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
  response.writeHead(status).end(body);
  return { status, bytes: body.length };
}

export async function startGitServer(options: GitServerOptions): Promise<GitServer> {
  const root = mkdtempSync(path.join(tmpdir(), 'gleaner-git-'));
  let corsOrigin = options.corsOrigin;
  const requests: GitServer['requests'] = [];

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://x');
    const received = performance.now();
    const record = (status: number, bytes = 0) =>
      requests.push({
        method: request.method ?? '',
        path: url.pathname,
        status,
        bytes,
        ms: performance.now() - received,
        credentials: request.headers.authorization !== undefined,
      });
    const origin = request.headers.origin;
    if (corsOrigin && origin === corsOrigin) {
      response.setHeader('Access-Control-Allow-Origin', origin);
      response.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
      response.setHeader(
        'Access-Control-Allow-Headers',
        'Authorization, Content-Type, Accept, Git-Protocol, User-Agent',
      );
      response.setHeader('Access-Control-Max-Age', '600');
      // Chromium's private-network check: an extension calling 127.0.0.1 asks first.
      if (request.headers['access-control-request-private-network']) {
        response.setHeader('Access-Control-Allow-Private-Network', 'true');
      }
    }
    if (request.method === 'OPTIONS') {
      record(204);
      response.writeHead(204).end();
      return;
    }
    // A web page where a repository should be (a login page, a wrong URL): not a git server.
    if (url.pathname.startsWith('/login')) {
      record(200);
      response
        .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
        .end('<!doctype html><title>Sign in</title><form>Sign in</form>');
      return;
    }
    if (!authorized(request, options)) {
      record(401);
      response
        .writeHead(401, { 'WWW-Authenticate': 'Basic realm="git"', 'content-type': 'text/plain' })
        .end('Authentication required');
      return;
    }
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const cgi = spawn('git', ['http-backend'], {
        env: {
          ...process.env,
          ...GIT_ENV,
          GIT_PROJECT_ROOT: root,
          GIT_HTTP_EXPORT_ALL: '1',
          REQUEST_METHOD: request.method ?? 'GET',
          PATH_INFO: url.pathname,
          QUERY_STRING: url.search.slice(1),
          CONTENT_TYPE: request.headers['content-type'] ?? '',
          HTTP_CONTENT_ENCODING: request.headers['content-encoding'] ?? '',
          GIT_PROTOCOL: String(request.headers['git-protocol'] ?? ''),
          REMOTE_USER: options.user,
          REMOTE_ADDR: '127.0.0.1',
        },
      });
      const out: Buffer[] = [];
      cgi.stdout.on('data', (chunk: Buffer) => out.push(chunk));
      cgi.stderr.resume();
      cgi.on('close', () => {
        const { status, bytes } = relayCgi(Buffer.concat(out), response);
        record(status, bytes);
      });
      // git may answer and exit before reading the whole request (EPIPE): its answer still counts.
      cgi.stdin.on('error', () => undefined);
      cgi.stdin.end(Buffer.concat(chunks));
    });
  };

  let server: Server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  let running = true;

  const stop = () =>
    new Promise<void>((resolve) => {
      if (!running) return resolve();
      running = false;
      server.closeAllConnections();
      server.close(() => resolve());
    });

  return {
    origin,
    root,
    requests,
    repoPath: (name) => path.join(root, `${name}.git`),
    async createRepo(name, branch = 'main', seed) {
      const bare = path.join(root, `${name}.git`);
      await git(['init', '--bare', '--quiet', `--initial-branch=${branch}`, bare]);
      await git(['config', 'http.receivepack', 'true'], bare);
      if (seed) {
        const work = mkdtempSync(path.join(tmpdir(), 'gleaner-seed-'));
        await git(['init', '--quiet', `--initial-branch=${branch}`, work]);
        for (const [file, content] of Object.entries(seed)) {
          mkdirSync(path.dirname(path.join(work, file)), { recursive: true });
          writeFileSync(path.join(work, file), content);
        }
        await git(['add', '-A'], work);
        await git(['commit', '--quiet', '-m', 'Site'], work);
        await git(['push', '--quiet', bare, branch], work);
        rmSync(work, { recursive: true, force: true });
      }
      return `${origin}/${name}.git`;
    },
    setCorsOrigin(next) {
      corsOrigin = next;
    },
    stop,
    async start() {
      if (running) return;
      server = createServer(handle);
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
      running = true;
    },
    async close() {
      await stop();
      rmSync(root, { recursive: true, force: true });
    },
  };
}
