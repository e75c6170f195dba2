#!/usr/bin/env node
// Runs the whole test suite N times, embedded and (with DATABASE_URL and REDIS_URL set) in server mode, to find flakes.
//
//   npm run test:repeat -- N [--only=embedded|server] [--run-timeout-min=M] [vitest args...]
//
// Each run is `npx vitest run` with the environment of its mode: embedded runs unset DATABASE_URL and REDIS_URL,
// server runs keep them. A failing run's whole output is kept in a file under the temp directory and its failing
// tests are listed; a passing run's output is deleted. Prints `N passed, M failed` per mode and exits non-zero if
// any run failed. The database and Redis addresses are never printed (they may hold passwords).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { clearTimeout, setTimeout } from 'node:timers';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function usage(message) {
  if (message) console.error(message);
  console.error('usage: npm run test:repeat -- N [--only=embedded|server] [--run-timeout-min=M] [vitest args...]');
  process.exit(2);
}

const args = process.argv.slice(2);
const times = Number(args.shift());
if (!Number.isInteger(times) || times < 1) usage('N must be a whole number of runs, 1 or more.');
let only;
let runTimeoutMin = 30;
const vitestArgs = [];
for (const a of args) {
  if (a.startsWith('--only=')) only = a.slice('--only='.length);
  else if (a.startsWith('--run-timeout-min=')) runTimeoutMin = Number(a.slice('--run-timeout-min='.length));
  else vitestArgs.push(a);
}
if (only !== undefined && only !== 'embedded' && only !== 'server') usage('--only is embedded or server.');
if (!(runTimeoutMin > 0)) usage('--run-timeout-min must be a positive number of minutes.');

const hasServer = Boolean(process.env.DATABASE_URL) && Boolean(process.env.REDIS_URL);
const modes = [];
if (only !== 'server') {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  delete env.REDIS_URL;
  modes.push({ name: 'embedded', env });
}
if (only !== 'embedded') {
  if (hasServer) modes.push({ name: 'server', env: { ...process.env } });
  else console.log('server mode: skipped (set both DATABASE_URL and REDIS_URL to run it)');
}
if (modes.length === 0) usage('Nothing to run.');

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), `beside-test-repeat-${stamp}-`));
// Colour is turned off for the runs; this is for a terminal that forces it back on.
// eslint-disable-next-line no-control-regex
const stripAnsi = (s) => s.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');

function minutes(ms) {
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
}

let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (current?.pid) {
      try {
        process.kill(-current.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    console.log(`\nstopped by ${signal}; logs in ${logDir}`);
    process.exit(130);
  });
}

function withoutForcedColour(env) {
  const copy = { ...env };
  delete copy.FORCE_COLOR;
  return copy;
}

/** One `npx vitest run`, its output written to `file`; resolves with its exit code (or 'timeout'). */
function runOnce(env, file) {
  return new Promise((resolve) => {
    const out = fs.openSync(file, 'w');
    // Its own process group, so that a run that hangs can be stopped with everything it started.
    const child = spawn('npx', ['vitest', 'run', ...vitestArgs], {
      cwd: root,
      env: { ...withoutForcedColour(env), NO_COLOR: '1' },
      stdio: ['ignore', out, out],
      detached: true,
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, runTimeoutMin * 60_000);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      fs.closeSync(out);
      current = undefined;
      resolve(timedOut ? 'timeout' : (code ?? signal));
    });
  });
}

/** What a failed run's output says went wrong: the failing tests, unhandled errors, the summary lines. */
function failuresIn(text) {
  const lines = stripAnsi(text).split('\n');
  const failed = [...new Set(lines.filter((l) => /^\s*FAIL\s/.test(l)).map((l) => l.trim().replace(/^FAIL\s+/, '')))];
  const unhandled = lines.some((l) => /Unhandled (Errors?|Rejection)/.test(l));
  const summary = lines.filter((l) => /^\s*(Test Files|Tests)\s/.test(l)).map((l) => l.trim());
  return { failed, unhandled, summary };
}

const results = {};
for (const mode of modes) {
  results[mode.name] = { passed: 0, failed: 0 };
  for (let i = 1; i <= times; i++) {
    const file = path.join(logDir, `${mode.name}-run-${i}.log`);
    const started = Date.now();
    process.stdout.write(`${mode.name} run ${i}/${times}: `);
    const code = await runOnce(mode.env, file);
    const took = minutes(Date.now() - started);
    const text = fs.readFileSync(file, 'utf8');
    const { failed, unhandled, summary } = failuresIn(text);
    if (code === 0) {
      results[mode.name].passed++;
      console.log(`passed (${took})${summary.length ? ` — ${summary.join('; ')}` : ''}`);
      fs.rmSync(file);
      continue;
    }
    results[mode.name].failed++;
    const why = code === 'timeout' ? `stopped after ${runTimeoutMin} min` : `exit ${code}`;
    console.log(`FAILED (${took}, ${why}); output kept in ${file}`);
    if (summary.length) console.log(`  ${summary.join('; ')}`);
    for (const name of failed) console.log(`  FAIL ${name}`);
    if (unhandled) console.log('  (unhandled errors: see the output)');
    if (failed.length === 0 && !unhandled) console.log('  (no failing test named: see the output)');
  }
}

console.log('');
let anyFailed = false;
for (const [name, r] of Object.entries(results)) {
  console.log(`${name}: ${r.passed} passed, ${r.failed} failed`);
  anyFailed ||= r.failed > 0;
}
if (anyFailed) console.log(`failing runs' output: ${logDir}`);
else fs.rmSync(logDir, { recursive: true, force: true });
process.exit(anyFailed ? 1 : 0);
