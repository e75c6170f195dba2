// The services one server process shares between its HTTP and realtime layers, its commands and its jobs.
import type { Storage } from './db/connect.js';
import type { Services } from './domain/core/services.js';
import type { QueueBroadcaster } from './domain/matching/queuePush.js';
import type { MatchingTrigger } from './domain/matching/trigger.js';
import type { TokenService } from './security/tokens.js';
import type { RedisClient } from './redis.js';

export interface AppContext extends Services {
  storage: Storage;
  tokens: TokenService;
  hashIp: (ip: string | undefined) => string | null;
  /** The keyed hash of the address's network (IPv4 /24, IPv6 /48), for the urgent line's budget. */
  hashNetwork: (ip: string | undefined) => string | null;
  /** This node's matching rounds and sweep (jobs/matchmaker.ts). */
  matchmaker: MatchingTrigger;
  /** Queue positions and the staff queue summary, pushed as they change. */
  queue: QueueBroadcaster;
  /** Set when REDIS_URL is: the command client several nodes share (rate limits count here). */
  redis?: RedisClient;
}
