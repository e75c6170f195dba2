// Console-wide notices: the break reminder and moderators' warnings, each dismissible.
import { useSyncExternalStore } from 'react';
import { useStaffT } from '../i18n/staff';
import type { ConsoleSignals } from './consoleSignals';

export function ConsoleNotices(props: { signals: ConsoleSignals }) {
  const t = useStaffT().tools.notices;
  const { signals } = props;
  const { breakReminder, warnings } = useSyncExternalStore(signals.subscribe, signals.getSnapshot);
  if (!breakReminder && warnings.length === 0) return null;
  return (
    <div className="console-notices">
      {breakReminder ? (
        <section className="card card--notice console-notice" role="status" aria-label={t.breakTitle}>
          <h2 className="card__title">{t.breakTitle}</h2>
          <p>{t.breakText(breakReminder.minutesOnShift)}</p>
          <button type="button" className="button button--ghost button--small" onClick={() => signals.dismissBreak()}>
            {t.dismiss}
          </button>
        </section>
      ) : null}
      {warnings.map((w) => (
        <section key={w.id} className="card card--urgent console-notice" role="alert" aria-label={t.warningTitle}>
          <h2 className="card__title">{t.warningTitle}</h2>
          <p>{w.note}</p>
          <button type="button" className="button button--ghost button--small" onClick={() => signals.dismissWarning(w.id)}>
            {t.dismiss}
          </button>
        </section>
      ))}
    </div>
  );
}
