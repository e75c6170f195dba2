// `npm run bench:render`: how soon the survivor page is usable on a slow connection. Serves the built client
// (client/dist; run `npm run build` first) from a real Beside node, opens it in Debian's Chromium with the network
// throttled to profiles like a weak mobile signal, and prints first contentful paint, when the first heading and
// the quick-exit button are on screen, when the "I'm ready" button works, and the bytes transferred.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { loadConfig } from '../server/src/config.js';
import { createLogger } from '../server/src/logger.js';
import { startServer } from '../server/src/server.js';

interface Profile {
  name: string;
  /** Round-trip latency added to every request, ms. */
  latencyMs: number;
  /** Throughput, kilobits per second, each way. */
  kbps: number;
}

/** Chrome DevTools' "Slow 3G" and "Fast 3G" presets, and a weak 4G signal. */
const PROFILES: Profile[] = [
  { name: 'slow 3G (400 ms, 400 kbit/s)', latencyMs: 400, kbps: 400 },
  { name: 'fast 3G (150 ms, 1.6 Mbit/s)', latencyMs: 150, kbps: 1600 },
  { name: 'weak 4G (80 ms, 4 Mbit/s)', latencyMs: 80, kbps: 4000 },
];
const RUNS = Number(process.env.BENCH_RENDER_RUNS ?? 3);
/** What we call usable: the page shows its purpose and the way out within this long on slow 3G. */
const TARGET_USABLE_MS = 5000;

const clientDir = path.resolve(import.meta.dirname, '../client/dist');
if (!fs.existsSync(path.join(clientDir, 'index.html'))) {
  console.error('client/dist is missing: run `npm run build` first');
  process.exit(1);
}

const config = loadConfig(
  { PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(os.tmpdir(), `beside-bench-render-${process.pid}`), LOG_LEVEL: 'warn' },
  [],
);
config.database = { kind: 'pglite', dataDir: 'memory://' };
const server = await startServer(config, { logger: createLogger('warn'), announce: () => undefined });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});

interface Sample {
  fcp: number;
  heading: number;
  ready: number;
  kb: number;
}

async function measure(profile: Profile): Promise<Sample> {
  // A new context each time: nothing cached, as for a survivor on a device that never saw the site.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: profile.latencyMs,
    downloadThroughput: (profile.kbps * 1000) / 8,
    uploadThroughput: (profile.kbps * 1000) / 8,
  });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength));
  const t0 = Date.now();
  await page.goto(server.url + '/', { waitUntil: 'commit' });
  await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible', timeout: 60_000 });
  await page.getByRole('button', { name: /quick exit/i }).waitFor({ state: 'visible', timeout: 60_000 });
  const heading = Date.now() - t0;
  const readyButton = page.getByRole('button', { name: /ready/i });
  await readyButton.waitFor({ state: 'visible', timeout: 60_000 });
  const ready = Date.now() - t0;
  // Runs in the page (the browser's Performance API, which Node's types do not describe).
  const fcp = await page.evaluate(() => {
    const timing = performance as unknown as { getEntriesByType(type: string): { name: string; startTime: number }[] };
    return timing.getEntriesByType('paint').find((e) => e.name === 'first-contentful-paint')?.startTime ?? NaN;
  });
  await context.close();
  return { fcp, heading, ready, kb: bytes / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const lines: string[] = ['', `Survivor page on a throttled connection (median of ${RUNS} cold loads, 390 px phone viewport)`, ''];
lines.push('| connection | first contentful paint | heading and quick exit shown | "I\'m ready" shown | transferred |');
lines.push('| --- | ---: | ---: | ---: | ---: |');
let slowUsable = NaN;
try {
  for (const profile of PROFILES) {
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await measure(profile));
    const m = (k: keyof Sample) => median(samples.map((s) => s[k]));
    if (profile === PROFILES[0]) slowUsable = m('heading');
    lines.push(
      `| ${profile.name} | ${Math.round(m('fcp'))} ms | ${m('heading')} ms | ${m('ready')} ms | ${m('kb').toFixed(0)} KB |`,
    );
  }
} finally {
  await browser.close();
  await server.close();
}
lines.push('');
lines.push(
  `target: the page shows its purpose and quick exit within ${TARGET_USABLE_MS} ms on slow 3G: ${slowUsable <= TARGET_USABLE_MS ? 'met' : 'missed'} (${slowUsable} ms)`,
);
console.log(lines.join('\n'));
