// The door of the live connection: new Engine.IO connections per client address per minute, and connections held
// open at once per address on this node, whether or not a Socket.IO handshake follows.
import type { IncomingMessage } from 'node:http';
import type { AppContext } from '../context.js';
import { clientAddress } from '../security/clientAddress.js';
import { createLimiter } from '../security/rateLimits.js';

export interface ConnectionGate {
  /** Whether a new connection from this request's address may open; counts it when it may. */
  admit(req: IncomingMessage): Promise<boolean>;
  /** Engine.IO opened the connection admitted for this request: held until it closes. */
  opened(conn: { request: IncomingMessage; once(event: 'close', fn: () => void): void }): void;
}

const KEY = Symbol('addressKey');
type KeyedRequest = IncomingMessage & { [KEY]?: string };

export function createConnectionGate(ctx: AppContext): ConnectionGate {
  const { connectionsPerIpPerMinute, openConnectionsPerIp } = ctx.config.rateLimits;
  // Keyed hashes only, even in Redis: the address itself is never kept.
  const perMinute = createLimiter({ keyPrefix: 'conn_ip', points: connectionsPerIpPerMinute, duration: 60 }, ctx.redis);
  const open = new Map<string, number>();
  return {
    async admit(req) {
      const key = ctx.hashIp(clientAddress(req, ctx.config.trustProxy)) ?? 'unknown';
      if ((open.get(key) ?? 0) >= openConnectionsPerIp) return false;
      const admitted = await perMinute.consume(key).then(
        () => true,
        (err: unknown) => {
          if (err instanceof Error) throw err;
          return false;
        },
      );
      if (admitted) (req as KeyedRequest)[KEY] = key;
      return admitted;
    },
    opened(conn) {
      const key = (conn.request as KeyedRequest)[KEY];
      if (!key) return;
      open.set(key, (open.get(key) ?? 0) + 1);
      conn.once('close', () => {
        const left = (open.get(key) ?? 1) - 1;
        if (left <= 0) open.delete(key);
        else open.set(key, left);
      });
    },
  };
}
