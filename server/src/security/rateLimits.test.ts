// Per-event budgets shared through Redis: leased in chunks, never more than the budget across nodes.
import { randomBytes } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLimiter, leaseSize } from './rateLimits.js';

const url = process.env.REDIS_URL;

/** Resolves true when the event is admitted, false when it is refused as over the budget. */
const admitted = (p: Promise<unknown>) =>
  p.then(
    () => true,
    (err: unknown) => {
      if (err instanceof Error) throw err;
      return false;
    },
  );

describe.skipIf(!url)('leased limits on Redis', () => {
  type Client = ReturnType<typeof createClient>;
  let a: Client;
  let b: Client;
  /** Node A's client as its limiters see it: every increment (an EVAL of the limiter's script) is counted. */
  let countedA: Client;
  let commands = 0;

  beforeAll(async () => {
    a = createClient({ url });
    b = createClient({ url });
    await Promise.all([a.connect(), b.connect()]);
    countedA = new Proxy(a, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          if (prop === 'eval' || prop === 'multi') commands++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
  });
  afterAll(async () => {
    await Promise.allSettled([a.close(), b.close()]);
  });

  it('admits exactly the budget on one node with one Redis call per lease', async () => {
    const prefix = `t_${randomBytes(4).toString('hex')}`;
    const limiter = createLimiter({ keyPrefix: prefix, points: 30, duration: 10 }, countedA);
    commands = 0;
    const results = [];
    for (let i = 0; i < 40; i++) results.push(await admitted(limiter.consume('person')));
    expect(results.filter(Boolean)).toHaveLength(30);
    expect(results.slice(0, 30).every(Boolean)).toBe(true);
    // 30 points in leases of 6: five leases, then one refused; nowhere near one call per event.
    expect(leaseSize(30)).toBe(6);
    expect(commands).toBeLessThanOrEqual(8);
  });

  it('never admits more than the budget across two nodes, whatever the interleaving', async () => {
    const prefix = `t_${randomBytes(4).toString('hex')}`;
    const nodeA = createLimiter({ keyPrefix: prefix, points: 30, duration: 10 }, a);
    const nodeB = createLimiter({ keyPrefix: prefix, points: 30, duration: 10 }, b);
    // Concurrent events on both nodes, some arriving while a lease is being taken.
    const all = await Promise.all(Array.from({ length: 80 }, (_, i) => admitted((i % 3 === 0 ? nodeB : nodeA).consume('person'))));
    const count = all.filter(Boolean).length;
    expect(count).toBeLessThanOrEqual(30);
    // At most one lease per node goes unused.
    expect(count).toBeGreaterThanOrEqual(30 - leaseSize(30));
  });

  it('grants the rest of a budget when a lease crosses it', async () => {
    const prefix = `t_${randomBytes(4).toString('hex')}`;
    const exact = createLimiter({ keyPrefix: prefix, points: 30, duration: 10, exact: true }, b);
    for (let i = 0; i < 28; i++) await exact.consume('person');
    const leased = createLimiter({ keyPrefix: prefix, points: 30, duration: 10 }, a);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await admitted(leased.consume('person')));
    expect(results).toEqual([true, true, false, false, false]);
  });
});
