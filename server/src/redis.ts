// Connects to the Redis that several nodes share: one command client (adapter publishing, rate limits) and one subscriber.
import { createClient } from 'redis';
import type { Logger } from './logger.js';
import { errorFields } from './logger.js';

export type RedisClient = ReturnType<typeof newClient>;

export interface SharedRedis {
  /** Ordinary commands: the Socket.IO adapter publishes through it, rate limits count with it. */
  client: RedisClient;
  /** In subscriber mode for the Socket.IO adapter; nothing else may use it. */
  subscriber: RedisClient;
  close(): Promise<void>;
}

/** A node that cannot reach Redis at start-up stops rather than run as an island that misses other nodes' events. */
const CONNECT_TIMEOUT_MS = 5000;
/** After start-up, a lost connection is retried for ever, backing off to this; commands queue meanwhile. */
const MAX_RECONNECT_DELAY_MS = 2000;

function newClient(url: string) {
  return createClient({
    url,
    socket: {
      connectTimeout: CONNECT_TIMEOUT_MS,
      reconnectStrategy: (retries) => Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS),
    },
  });
}

export async function connectRedis(url: string, logger: Logger): Promise<SharedRedis> {
  const client = newClient(url);
  const subscriber = newClient(url);
  // Without an error listener node-redis would crash the process on a dropped connection.
  for (const [role, c] of [
    ['client', client],
    ['subscriber', subscriber],
  ] as const) {
    let reported = false;
    c.on('error', (err: unknown) => {
      if (reported) return;
      reported = true;
      logger.warn('redis.connection_error', { role, ...errorFields(err) });
    });
    c.on('ready', () => {
      if (reported) logger.info('redis.reconnected', { role });
      reported = false;
    });
  }
  try {
    await withTimeout(Promise.all([client.connect(), subscriber.connect()]), CONNECT_TIMEOUT_MS);
  } catch (err) {
    client.destroy();
    subscriber.destroy();
    throw new Error(`Redis is not reachable at REDIS_URL: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
  logger.info('redis.connected');
  return {
    client,
    subscriber,
    close: async () => {
      await Promise.allSettled([client.close(), subscriber.close()]);
    },
  };
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no connection within ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
