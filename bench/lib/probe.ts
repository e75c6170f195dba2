// Preloaded into every measured server process (--import): answers the benchmark over IPC with memory and event-loop delay.
import { monitorEventLoopDelay } from 'node:perf_hooks';

export type ProbeRequest = { probe: 'memory' } | { probe: 'rss' } | { probe: 'eld-start' } | { probe: 'eld-stop' };
export interface ProbeMemory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}
export interface ProbeEld {
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

const histogram = monitorEventLoopDelay({ resolution: 5 });
const gc = (globalThis as { gc?: () => void }).gc;

if (process.send) {
  process.on('message', (msg: ProbeRequest & { id: number }) => {
    if (!msg || typeof msg !== 'object' || !('probe' in msg)) return;
    const reply = (data: unknown) => process.send?.({ probeReply: msg.id, data });
    if (msg.probe === 'memory') {
      // Two collections so that what is measured is what is kept, not what waits to be collected.
      gc?.();
      gc?.();
      setTimeout(() => {
        const m = process.memoryUsage();
        reply({ rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers } satisfies ProbeMemory);
      }, 200);
    } else if (msg.probe === 'rss') {
      // Sampled during load: no collection first, which would disturb what is measured.
      reply(process.memoryUsage.rss());
    } else if (msg.probe === 'eld-start') {
      histogram.reset();
      histogram.enable();
      reply(null);
    } else if (msg.probe === 'eld-stop') {
      histogram.disable();
      const ms = (ns: number) => ns / 1e6;
      reply({
        p50: ms(histogram.percentile(50)),
        p99: ms(histogram.percentile(99)),
        max: ms(histogram.max),
        mean: ms(histogram.mean),
      } satisfies ProbeEld);
    }
  });
  // The IPC channel must not keep a server alive that was told to stop.
  process.channel?.unref();
}
