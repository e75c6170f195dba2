// The services one server process shares between its HTTP and realtime layers.
import type { ConversationEnded } from '@beside/shared';
import type { Config } from './config.js';
import type { Db, Storage } from './db/connect.js';
import type { Clock } from './domain/core/clock.js';
import type { Matchmaker } from './domain/matching/matchmaker.js';
import type { ModerationLive } from './domain/moderation/moderationLive.js';
import type { ReturnedToQueue } from './domain/matching/requeue.js';
import type { Logger } from './logger.js';
import type { FieldCipher } from './security/cipher.js';
import type { TokenService } from './security/tokens.js';
import type { RedisClient } from './redis.js';

/** What the HTTP layer may tell live clients; implemented by the realtime notifier. */
export interface LiveEvents {
  ended(ended: ConversationEnded, volunteerId: string): Promise<void>;
  queueChanged(): Promise<void>;
  /**
   * A survivor was put back at the front of the queue (domain/matching/requeue.ts returnConversationToQueue): tells both
   * sides of the ended conversation, gives the survivor their new place, and runs matching.
   */
  returnedToQueue(result: ReturnedToQueue): Promise<void>;
  /** A staff member was suspended, disabled or signed out everywhere: close their live sockets on every node. */
  staffRevoked(staffId: string): Promise<void>;
  /** One sign-in session was revoked (logout, refresh-token replay): close the connections opened with it. */
  sessionRevoked(sessionId: string): Promise<void>;
  /** Moderation's alerts, notices and supervision events, addressed by audience (always rooms). */
  moderation: ModerationLive;
}

export interface AppContext {
  config: Config;
  storage: Storage;
  db: Db;
  clock: Clock;
  logger: Logger;
  cipher: FieldCipher;
  tokens: TokenService;
  hashIp: (ip: string | undefined) => string | null;
  matchmaker: Matchmaker;
  live: LiveEvents;
  /** Set when REDIS_URL is: the command client several nodes share (rate limits count here). */
  redis?: RedisClient;
}
