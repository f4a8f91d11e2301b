/**
 * CPU profiles for benches (`BENCH_PROFILE=page|worker`): of a page through its DevTools session,
 * or of the extension's service worker. Playwright opens no session on a service worker, so that
 * one attaches through the browser's own session (`Target.attachToTarget` without flattening)
 * and speaks to the worker through `Target.sendMessageToTarget`.
 */
import type { BrowserContext, CDPSession } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

export interface CpuProfiler {
  /** Stops the profile and returns the functions with the most self time (ms), highest first. */
  stop(top?: number): Promise<Array<{ frame: string; ms: number }>>;
}

export async function profileServiceWorker(context: BrowserContext): Promise<CpuProfiler> {
  const browser = context.browser();
  if (!browser) throw new Error('profileServiceWorker needs a browser-backed context');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker');
  if (!worker) throw new Error('no service worker is running');
  const { sessionId } = await cdp.send('Target.attachToTarget', {
    targetId: worker.targetId,
    flatten: false,
  });
  let nextId = 1;
  const pending = new Map<number, (result: unknown) => void>();
  cdp.on('Target.receivedMessageFromTarget', (event) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as { id?: number; result?: unknown };
    if (reply.id !== undefined) pending.get(reply.id)?.(reply.result);
  });
  const send = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      void cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
    });
  await send('Profiler.enable');
  await send('Profiler.start');
  return {
    async stop(top = 25) {
      const { profile } = (await send('Profiler.stop')) as { profile: Profile };
      await cdp.detach();
      return selfTimes(profile, top);
    },
  };
}

/** Profiles the page (or worker) a DevTools session is attached to. */
export async function profileSession(cdp: CDPSession): Promise<CpuProfiler> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  return {
    async stop(top = 25) {
      const { profile } = await cdp.send('Profiler.stop');
      return selfTimes(profile, top);
    },
  };
}

/**
 * Profiles every thread of the browser through a trace (V8's sampling profiler in each): the
 * export's workers end with the export, taking a DevTools profile of their own with them, while
 * a trace keeps their samples. Only the threads whose URL contains `urlPart` are counted.
 */
export async function profileByTrace(
  context: BrowserContext,
  urlPart: string,
): Promise<CpuProfiler> {
  const browser = context.browser();
  if (!browser) throw new Error('profileByTrace needs a browser-backed context');
  const cdp: CDPSession = await browser.newBrowserCDPSession();
  await cdp.send('Tracing.start', {
    categories: 'disabled-by-default-v8.cpu_profiler',
    transferMode: 'ReturnAsStream',
  });
  return {
    async stop(top = 25) {
      const done = new Promise<string>((resolve) =>
        cdp.once('Tracing.tracingComplete', (event) => resolve(event.stream ?? '')),
      );
      await cdp.send('Tracing.end');
      const stream = await done;
      let text = '';
      for (;;) {
        const chunk = await cdp.send('IO.read', { handle: stream });
        text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString() : chunk.data;
        if (chunk.eof) break;
      }
      await cdp.send('IO.close', { handle: stream });
      await cdp.detach();
      interface ChunkArgs {
        data?: {
          cpuProfile?: {
            nodes?: { id: number; callFrame: Partial<ProfileNode['callFrame']> }[];
            samples?: number[];
          };
          timeDeltas?: number[];
        };
      }
      const events = (
        JSON.parse(text) as {
          traceEvents: { name: string; pid: number; id?: string; args?: ChunkArgs }[];
        }
      ).traceEvents;
      const profiles = new Map<string, Required<Profile>>();
      for (const event of events) {
        if (event.name !== 'ProfileChunk') continue;
        const key = `${event.pid}:${event.id}`;
        const profile = profiles.get(key) ?? { nodes: [], samples: [], timeDeltas: [] };
        profiles.set(key, profile);
        const data = event.args?.data;
        // Trace chunks leave out a frame's empty fields.
        for (const node of data?.cpuProfile?.nodes ?? [])
          profile.nodes.push({
            id: node.id,
            callFrame: {
              functionName: node.callFrame.functionName ?? '',
              url: node.callFrame.url ?? '',
              lineNumber: node.callFrame.lineNumber ?? -1,
              columnNumber: node.callFrame.columnNumber ?? -1,
            },
          });
        profile.samples.push(...(data?.cpuProfile?.samples ?? []));
        profile.timeDeltas.push(...(data?.timeDeltas ?? []));
      }
      const merged = new Map<string, number>();
      let threads = 0;
      for (const profile of profiles.values()) {
        if (!profile.nodes.some((node) => node.callFrame.url.includes(urlPart))) continue;
        threads++;
        for (const { frame, ms } of selfTimes(profile, 10_000))
          merged.set(frame, (merged.get(frame) ?? 0) + ms);
      }
      return [...merged.entries()]
        .sort((a, b) => b[1] - a[1])
        .slice(0, top)
        .map(([frame, ms]) => ({ frame: `${frame} [${threads} threads]`, ms }));
    },
  };
}

/** The functions with the most self time in a profile. */
function selfTimes(profile: Profile, top: number): Array<{ frame: string; ms: number }> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byId.get(id)?.callFrame;
    if (!frame) return;
    const key = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber}:${frame.columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([frame, ms]) => ({ frame, ms: Math.round(ms) }));
}
