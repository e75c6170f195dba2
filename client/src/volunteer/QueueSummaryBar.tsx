// The queue at a glance for volunteers: how many wait, how urgent, in which languages and topics, the longest wait.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { LANGUAGES, TOPICS, type QueueSummary } from '@beside/shared';
import { useStaffT } from '../i18n/staff';
import type { ConsoleSignals } from './consoleSignals';

/** Seconds the longest-waiting survivor has waited, counted up locally between pushes. */
function useOldestWait(summary: QueueSummary | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!summary?.oldestWaitingSince) return;
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, [summary?.oldestWaitingSince]);
  if (!summary?.oldestWaitingSince) return summary?.oldestWaitSeconds;
  return Math.max(0, Math.round((now - Date.parse(summary.oldestWaitingSince)) / 1000));
}

export function QueueSummaryBar(props: { signals: ConsoleSignals }) {
  const all = useStaffT();
  const t = all.tools.queue;
  const { summary } = useSyncExternalStore(props.signals.subscribe, props.signals.getSnapshot);
  const oldest = useOldestWait(summary);
  if (!summary) return null;
  const languages = LANGUAGES.filter((l) => summary.byLanguage[l] > 0);
  const topics = TOPICS.filter((x) => summary.byTopic[x] > 0);

  return (
    // Focusable: on a phone the summary scrolls sideways in its one row.
    <section className="queue-summary" aria-label={t.heading} tabIndex={0}>
      <h2 className="visually-hidden">{t.heading}</h2>
      <p className="queue-summary__main" role="status">
        <strong>{t.waiting(summary.waiting)}</strong>
        {summary.byUrgency.urgent > 0 ? <span className="badge badge--urgent">{t.urgent(summary.byUrgency.urgent)}</span> : null}
        {summary.held > 0 ? <span className="queue-summary__item">{t.held(summary.held)}</span> : null}
        {oldest !== undefined && summary.waiting > 0 ? <span className="queue-summary__item">{t.oldest(oldest)}</span> : null}
      </p>
      {languages.length > 0 ? (
        <p className="queue-summary__item">
          <span className="visually-hidden">{t.byLanguage}: </span>
          {languages.map((l) => `${all.languages[l]} ${summary.byLanguage[l]}`).join(' · ')}
        </p>
      ) : null}
      {topics.length > 0 ? (
        <p className="queue-summary__item queue-summary__topics">
          <span className="visually-hidden">{t.byTopic}: </span>
          {topics.map((x) => `${all.topics[x]} ${summary.byTopic[x]}`).join(' · ')}
        </p>
      ) : null}
      <p className="queue-summary__item queue-summary__staff">{t.volunteers(summary.volunteersOnShift, summary.freeSlots)}</p>
    </section>
  );
}
