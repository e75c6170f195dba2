// The Socket.IO adapter for several nodes: Redis sharded Pub/Sub, one channel per namespace (see ARCHITECTURE.md, Several nodes).
import { createShardedAdapter } from '@socket.io/redis-adapter';
import type { SharedRedis } from '../redis.js';

/** Channels are `beside#/#` and `beside#/#<node uid>#`; a distinct prefix keeps other apps on the same Redis apart. */
export const ADAPTER_CHANNEL_PREFIX = 'beside';

/**
 * "static": every broadcast and every cross-node join travel on the namespace's one channel, so a node applies them
 * in the order they were sent. "dynamic" (a channel per room) subscribes asynchronously, and the first emit after a
 * cross-node join is then lost (measured: 20 of 20), which would drop `conversation:started` and first messages.
 */
export function createRedisAdapter(redis: SharedRedis): ReturnType<typeof createShardedAdapter> {
  return createShardedAdapter(redis.client, redis.subscriber, {
    channelPrefix: ADAPTER_CHANNEL_PREFIX,
    subscriptionMode: 'static',
  });
}
