// Before the first question: whether a volunteer is on shift now, or when the next shift starts (with its day, in local time).
import { useEffect, useState } from 'react';
import type { Availability as AvailabilityData } from '@beside/shared';
import { useLanguage, useT } from '../i18n';
import { getJson } from '../ui/api';
import { EmergencyNumbers } from './Help';
import { describeWhen } from './when';

const REFRESH_MS = 60_000;

/** GET /api/availability for the page's language, refreshed while it is on screen; undefined until it answers. */
function useAvailability(language: string): AvailabilityData | undefined | 'unreachable' {
  const [state, setState] = useState<AvailabilityData | 'unreachable'>();
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      getJson<AvailabilityData>(`/api/availability?lang=${language}`).then(
        (a) => !cancelled && setState(a),
        () => !cancelled && setState((s) => (s && s !== 'unreachable' ? s : 'unreachable')),
      );
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => {
      cancelled = true;
      clearInterval(timer);
    };
  }, [language]);
  return state;
}

export function AvailabilityNote() {
  const t = useT();
  const { language } = useLanguage();
  const a = useAvailability(language);
  // Nothing is promised when the service cannot be asked: the intake and the queue will say more.
  if (a === 'unreachable') return null;
  if (!a) {
    return (
      <p className="availability availability--checking" role="status">
        {t.availability.checking}
      </p>
    );
  }
  if (a.volunteersOnShift > 0) {
    return (
      <div className="availability availability--on" role="status">
        <span className="availability__dot" aria-hidden="true" />
        <div>
          <p className="availability__title">{t.availability.onShift}</p>
          <p className="hint">{t.availability.onShiftHint}</p>
        </div>
      </div>
    );
  }
  const when = a.nextShiftAt ? describeWhen(a.nextShiftAt, language, t.when) : undefined;
  return (
    <div className="availability availability--off card card--notice" role="status">
      <p className="availability__title">
        {t.availability.none} {when ? t.availability.next(when) : t.availability.noneScheduled}
      </p>
      <p>{t.availability.noneHelp}</p>
      <EmergencyNumbers />
    </div>
  );
}
