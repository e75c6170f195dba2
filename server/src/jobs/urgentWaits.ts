// An urgent survivor ("in immediate danger" at intake) who has waited longer than the configured time with no
// volunteer free adds `urgent_waiting` to their alert, so a supervisor knows someone in danger is not being reached.
import type { Services } from '../domain/core/services.js';
import { overdueUrgentEntries, raiseAlert } from '../domain/moderation/alerts.js';
import { DueJob } from './dueJob.js';

/**
 * Sleeps until the next urgent wait falls due; with nobody urgent waiting it sleeps until a `matching` work signal
 * says someone joined the queue (any node), so an idle node runs no check. A later joiner falls due later than the
 * one already timed, so a signal does not wake a job that is already waiting.
 */
export class UrgentWaitWatcher extends DueJob {
  constructor(deps: Pick<Services, 'db' | 'clock' | 'live' | 'logger' | 'config'>) {
    const limitMs = deps.config.timing.urgentWaitAlertSeconds * 1000;
    super(
      deps,
      { wakesOn: ['matching'], wakeWhileWaiting: false, maxWaitMs: 15_000, failedWaitMs: 15_000, failureEvent: 'alerts.urgent_wait_check_failed' },
      async () => {
        const { due, next } = await overdueUrgentEntries(deps.db, new Date(deps.clock.now().getTime() - limitMs));
        for (const id of due) await raiseAlert(deps, { queueEntryId: id, kind: 'urgent_waiting', imminent: true });
        return { next: next ? new Date(next.getTime() + limitMs) : null };
      },
    );
  }
}
