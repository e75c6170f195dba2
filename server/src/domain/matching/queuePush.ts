// Tells waiting survivors their place and estimate, and staff the queue summary: coalesced, and only what changed.
import { errorFields } from '../../logger.js';
import type { Services } from '../core/services.js';
import { queueStatusOf, queueSummary, waitingStatuses } from './queue.js';

/** Queue pushes are coalesced: at most one recomputation per this many ms per node. */
// Half a second: prompt for a person watching their place, and with a thousand waiting while survivors are matched
// one after another it is two pushes a second each, not five (measured by bench/match.ts).
const QUEUE_PUSH_COALESCE_MS = 500;

export type QueuePushDeps = Pick<Services, 'db' | 'clock' | 'live' | 'logger' | 'config'>;

export class QueueBroadcaster {
  private timer: NodeJS.Timeout | null = null;
  /** The last queue:status this node pushed to each waiting survivor (JSON), to push only changes. */
  private lastPushed = new Map<string, string>();

  constructor(private readonly deps: QueuePushDeps) {}

  /** Positions or estimates may have moved: recompute every waiting survivor's status soon, and push changes. */
  changed(): Promise<void> {
    if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.pushAll();
      }, QUEUE_PUSH_COALESCE_MS);
      this.timer.unref();
    }
    return Promise.resolve();
  }

  /** Pushes these survivors' statuses now, not coalesced (a relaxed preference is told before any match). */
  async pushTo(visitorIds: string[]): Promise<void> {
    const { db, clock, live, config } = this.deps;
    for (const visitorId of visitorIds) {
      const status = await queueStatusOf(db, clock, visitorId, { timing: config.timing });
      this.lastPushed.set(visitorId, JSON.stringify(status));
      live.emit({ visitors: [visitorId] }, 'queue:status', status);
    }
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private async pushAll(): Promise<void> {
    const { db, clock, live, config, logger } = this.deps;
    try {
      // Only what changed since this node last told each survivor: when one more joins at the back, nobody
      // else's place moved and a thousand identical pushes would go out for nothing.
      const pushed = new Map<string, string>();
      for (const { visitorId, status } of await waitingStatuses(db, clock, { timing: config.timing })) {
        const json = JSON.stringify(status);
        pushed.set(visitorId, json);
        if (this.lastPushed.get(visitorId) !== json) live.emit({ visitors: [visitorId] }, 'queue:status', status);
      }
      this.lastPushed = pushed;
      live.emit({ allStaff: true }, 'queue:summary', await queueSummary(db, clock));
    } catch (err) {
      logger.warn('queue.push_failed', errorFields(err));
    }
  }
}
