// Sends the pages that fall due (domain/moderation/paging.ts decides what is due and records each attempt).
import type { Services } from '../domain/core/services.js';
import { announceReach } from '../domain/moderation/alerts.js';
import { claimDuePages, nextPageDue, sendPage } from '../domain/moderation/paging.js';
import { errorFields } from '../logger.js';
import { DueJob } from './dueJob.js';

/**
 * Sleeps until the next page falls due; while none is waiting it sleeps with no timer until a `paging` work
 * signal (a page scheduled or due for a retry, on this node or any other), which also wakes it while it waits
 * (a new page can be due at once). Pending pages are rows, so a restarted node finds them; several nodes claim
 * each page once (`claimDuePages`). Never two looks at once on this node.
 */
export class Pager extends DueJob {
  constructor(deps: Pick<Services, 'db' | 'clock' | 'live' | 'logger' | 'config'>) {
    super(
      deps,
      { wakesOn: ['paging'], wakeWhileWaiting: true, maxWaitMs: 60 * 60_000, failedWaitMs: 5_000, failureEvent: 'paging.look_failed' },
      async () => {
        const due = await claimDuePages(deps);
        // Sent side by side: a receiver that hangs for its 5 s must not hold back another alert's page.
        const outcomes = await Promise.allSettled(
          due.map(async (page) => {
            const outcome = await sendPage(deps, page);
            // Sent, or failed for good: the volunteer's words about who was reached change with it.
            if (outcome !== 'retry') await announceReach(deps, page.alertId);
          }),
        );
        for (const o of outcomes) if (o.status === 'rejected') deps.logger.warn('paging.record_failed', errorFields(o.reason));
        return { next: await nextPageDue(deps.db), again: due.length > 0 };
      },
    );
  }
}
