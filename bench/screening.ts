// `npm run bench:screening`: how long screening one message takes (detect: normalisation, contact rules, crisis and
// abuse rules, the model, the guards), over every message of the screening corpus, one at a time on a warm process.
// Prints p50 and p99 in µs per message, and fails (exit 1) when p99 is over the 50 µs target. Never prints a
// message.
//
// The target is on the corpus's messages; a few long ones (a dozen corpus messages joined, as a survivor writing
// a paragraph) are timed apart, because their cost grows with their length.
//
// Each message's cost is the fastest of its ROUNDS timings: on a shared machine (two cores, other processes
// running) a single timing also holds whatever time slice the scheduler gave away, which is not the screen's
// cost. The raw timings' p99 and the mean CPU time per message are printed too, so the noise stays visible.
import { detect } from '../server/src/domain/moderation/detection.js';
import { loadPart, SEALED_PARTS, TRAINING_PARTS } from '../server/src/domain/moderation/screening-corpus/corpus.js';

const TARGET_P99_US = 50;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);

function percentile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
}

const texts = [...TRAINING_PARTS, ...SEALED_PARTS].flatMap((part) => loadPart(part).map((c) => c.text));
const long = texts.slice(0, 40).map((_, i) => texts.slice(i * 12, i * 12 + 12).join('. '));

function measure(messages: string[]): { best: Float64Array; raw: Float64Array; cpuUs: number; sink: number } {
  // Warm up: let V8 compile the rules and the model's hot path before anything is timed.
  for (let i = 0; i < 3; i++) for (const t of messages) detect(t);
  const best = new Float64Array(messages.length).fill(Infinity);
  const raw = new Float64Array(messages.length * ROUNDS);
  let n = 0;
  let sink = 0;
  const cpuBefore = process.cpuUsage();
  for (let round = 0; round < ROUNDS; round++) {
    messages.forEach((t, i) => {
      const started = process.hrtime.bigint();
      const d = detect(t);
      const us = Number(process.hrtime.bigint() - started) / 1000;
      raw[n++] = us;
      if (us < best[i]!) best[i] = us;
      sink += d.crisis.length + d.contact.length + d.abuse.length;
    });
  }
  const cpu = process.cpuUsage(cpuBefore);
  best.sort();
  raw.sort();
  return { best, raw, cpuUs: (cpu.user + cpu.system) / raw.length, sink };
}

const corpus = measure(texts);
const paragraphs = measure(long);
const p99 = percentile(corpus.best, 0.99);
console.log(
  `screening: ${texts.length} corpus messages, best of ${ROUNDS} rounds each: p50 ${percentile(corpus.best, 0.5).toFixed(1)} µs, ` +
    `p99 ${p99.toFixed(1)} µs, slowest ${corpus.best[corpus.best.length - 1]!.toFixed(1)} µs (target p99 < ${TARGET_P99_US} µs)`,
);
console.log(
  `  every timing: p50 ${percentile(corpus.raw, 0.5).toFixed(1)} µs, p99 ${percentile(corpus.raw, 0.99).toFixed(1)} µs; ` +
    `CPU time ${corpus.cpuUs.toFixed(1)} µs a message on average`,
);
const longest = Math.max(...long.map((t) => t.length));
console.log(
  `  ${long.length} paragraphs (up to ${longest} characters): p50 ${percentile(paragraphs.best, 0.5).toFixed(1)} µs, ` +
    `p99 ${percentile(paragraphs.best, 0.99).toFixed(1)} µs [${corpus.sink + paragraphs.sink}]`,
);
if (p99 >= TARGET_P99_US) process.exitCode = 1;
