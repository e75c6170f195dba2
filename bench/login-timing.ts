// Sign-in timing for unknown vs known accounts ("similar timing" for both): prints medians and p90 in ms.
// Run: TSX_TSCONFIG_PATH=bench/tsconfig.json node --import tsx bench/login-timing.ts [samples]
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../server/src/config.js';
import { createStaff } from '../server/src/domain/staff/accounts.js';
import { createLogger } from '../server/src/logger.js';
import { startServer } from '../server/src/server.js';

const SAMPLES = Number(process.argv[2] ?? 40);
const config = loadConfig(
  { PORT: '0', HOST: '127.0.0.1', DATA_DIR: path.join(os.tmpdir(), `beside-login-bench-${process.pid}`), LOG_LEVEL: 'silent', TRUST_PROXY: 'true' },
  [],
);
config.database = { kind: 'pglite', dataDir: 'memory://' };
const server = await startServer(config, { logger: createLogger('silent'), announce: () => {} });
const known = await createStaff(server.ctx.db, server.ctx.clock, {
  email: 'known@bench.local',
  password: 'bench-password-known-1',
  role: 'volunteer',
  displayName: 'Bench',
  languages: ['en'],
  topics: [],
  capacity: 1,
  gender: 'unspecified',
  trainedAt: new Date(),
});

let ip = 0;
async function timeLogin(email: string, password: string): Promise<number> {
  ip++;
  const started = performance.now();
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    // A new client IP per attempt, so that the brute-force limits never cut the sample short.
    headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.9.${ip >> 8}.${ip & 255}` },
    body: JSON.stringify({ email, password }),
  });
  await res.text();
  return performance.now() - started;
}

const cases: Record<string, () => Promise<number>> = {
  'unknown e-mail': () => timeLogin(`nobody-${ip}@bench.local`, 'wrong-password-123'),
  'known e-mail, wrong password': () => timeLogin(known.email, 'wrong-password-123'),
  'known e-mail, right password': () => timeLogin(known.email, 'bench-password-known-1'),
};
const times: Record<string, number[]> = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < 3; i++) for (const run of Object.values(cases)) await run(); // warm-up
for (let i = 0; i < SAMPLES; i++) {
  for (const [name, run] of Object.entries(cases)) times[name]!.push(await run());
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
process.stdout.write(`sign-in timing over ${SAMPLES} samples each (ms)\n`);
for (const [name, xs] of Object.entries(times)) {
  process.stdout.write(`  ${name.padEnd(30)} median ${pct(xs, 0.5).toFixed(1).padStart(7)}   p90 ${pct(xs, 0.9).toFixed(1).padStart(7)}\n`);
}
const ratio = pct(times['unknown e-mail']!, 0.5) / pct(times['known e-mail, wrong password']!, 0.5);
process.stdout.write(`  unknown / known-wrong median ratio: ${ratio.toFixed(2)}\n`);
await server.close();
