/**
 * Pushes a commit whose new objects are known: the ones a publish just wrote (its blobs, the trees
 * on their paths, the commit). isomorphic-git's `push` finds them itself by walking every tree of
 * the branch before and after the commit, which at 10,000 published articles means parsing three
 * trees of 10,000 entries twice per publish, most of its time (see `npm run bench:sync`). Here the
 * objects are packed by isomorphic-git (`packObjects`), the server's tip is read by its
 * `getRemoteInfo2`, and only the receive-pack request is ours: one update command and the pack
 * (git's smart HTTP protocol, gitprotocol-pack "Pushing Data To a Server", with `report-status`).
 */
import './node-globals';
import git, { Errors } from 'isomorphic-git';
import { concatBytes } from '../bytes';
import { GitTransportError } from './git-errors';
import type { GitRepo } from './git-repo';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const FLUSH = encoder.encode('0000');

/** A pkt-line: four hex digits of length (themselves included), then the data. */
export function pktLine(text: string): Uint8Array {
  const data = encoder.encode(text);
  return encoder.encode((data.length + 4).toString(16).padStart(4, '0') + text);
}

/** The lines of a pkt-line stream (flushes left out). */
export function readPktLines(bytes: Uint8Array): string[] {
  const lines: string[] = [];
  for (let at = 0; at + 4 <= bytes.length;) {
    const length = parseInt(decoder.decode(bytes.subarray(at, at + 4)), 16);
    if (Number.isNaN(length))
      throw new GitTransportError('not-git', 'The server’s answer is not git.');
    if (length === 0) {
      at += 4;
      continue;
    }
    if (length < 4 || at + length > bytes.length)
      throw new GitTransportError('not-git', 'The server’s answer to the push is cut short.');
    lines.push(decoder.decode(bytes.subarray(at + 4, at + length)).replace(/\n$/, ''));
    at += length;
  }
  return lines;
}

/** What `report-status` says of our one update: nothing when it went in, else why not. */
export function refusalIn(lines: readonly string[], ref: string): string | null {
  const unpack = lines.find((line) => line.startsWith('unpack '));
  if (unpack !== undefined && unpack !== 'unpack ok') return unpack.slice('unpack '.length);
  if (lines.includes(`ok ${ref}`)) return null;
  const refused = lines.find((line) => line.startsWith(`ng ${ref} `));
  return refused ? refused.slice(`ng ${ref} `.length) : 'the server did not report the update';
}

async function bytesOf(body: AsyncIterableIterator<Uint8Array> | undefined): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  if (body) for await (const part of body) parts.push(part);
  return concatBytes(parts);
}

async function* once(bytes: Uint8Array): AsyncIterableIterator<Uint8Array> {
  yield bytes;
}

/**
 * Sets the server's branch from `parent` to `commit`, sending `objects` (and the commit) in one
 * pack, then points the local branch at it. "rejected" when the server's branch is no longer at
 * `parent` (the caller fetches and builds again), or when the server refuses the update.
 */
export async function pushObjects(
  repo: GitRepo,
  commit: string,
  parent: string,
  objects: readonly string[],
): Promise<void> {
  const { fs, dir, cache, http, target, onAuth } = repo;
  const ref = `refs/heads/${target.branch}`;
  // Protocol v1's flat list of refs: a branch named `site/main` is one ref, not a folder.
  const remote = await git.getRemoteInfo2({
    http,
    url: target.url,
    onAuth,
    headers: { ...repo.headers },
    forPush: true,
    protocolVersion: 1,
  });
  const tip = remote.refs?.find((entry) => entry.ref === ref)?.oid;
  if (tip !== parent) throw new GitTransportError('rejected', 'The branch moved on the server.');
  const { packfile = new Uint8Array() } = await git.packObjects({
    fs,
    dir,
    cache,
    oids: [...new Set([commit, ...objects])],
  });
  const command = pktLine(`${parent} ${commit} ${ref}\0report-status agent=gleaner\n`);
  const body = concatBytes([command, FLUSH, packfile]);
  const response = await http.request({
    method: 'POST',
    url: `${target.url}/git-receive-pack`,
    headers: {
      ...repo.headers,
      'content-type': 'application/x-git-receive-pack-request',
      accept: 'application/x-git-receive-pack-result',
    },
    body: once(body),
  });
  const answer = await bytesOf(response.body);
  if (response.statusCode !== 200)
    throw new Errors.HttpError(response.statusCode, response.statusMessage, decoder.decode(answer));
  const refusal = refusalIn(readPktLines(answer), ref);
  if (refusal !== null)
    throw new GitTransportError('rejected', `The server refused the push: ${refusal}`);
  await git.writeRef({ fs, dir, ref, value: commit, force: true });
}
