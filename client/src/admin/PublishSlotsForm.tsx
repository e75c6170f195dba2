// Admins publish shift slots: the same hours on one or several days in a row (local time; overnight allowed).
import { useState, type FormEvent } from 'react';
import { MAX_SLOT_HOURS, SLOT_ROLES, type ShiftSlotView, type SlotRole } from '@beside/shared';
import { useOnCallT } from '../i18n/oncall';
import { useAdminT } from '../i18n/admin';
import { errorText, type AdminApi } from './adminApi';
import { localDateInput } from './format';

function slotsFrom(firstDay: string, start: string, end: string, days: number) {
  const slots: { startsAt: string; endsAt: string }[] = [];
  for (let i = 0; i < days; i += 1) {
    const startsAt = new Date(`${firstDay}T${start}`);
    startsAt.setDate(startsAt.getDate() + i);
    const endsAt = new Date(`${firstDay}T${end}`);
    endsAt.setDate(endsAt.getDate() + i);
    if (endsAt <= startsAt) endsAt.setDate(endsAt.getDate() + 1);
    slots.push({ startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
  }
  return slots;
}

export function PublishSlotsForm(props: { api: AdminApi; onPublished: (slots: ShiftSlotView[]) => void }) {
  const t = useAdminT();
  const w = useOnCallT();
  const [role, setRole] = useState<SlotRole>('volunteer');
  const [firstDay, setFirstDay] = useState(() => localDateInput(new Date()));
  const [start, setStart] = useState('18:00');
  const [end, setEnd] = useState('22:00');
  const [days, setDays] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const preview = firstDay && start && end ? slotsFrom(firstDay, start, end, 1)[0] : undefined;
  const hours = preview ? (Date.parse(preview.endsAt) - Date.parse(preview.startsAt)) / 3600_000 : 0;
  const overnight = preview ? new Date(preview.endsAt).getDate() !== new Date(preview.startsAt).getDate() : false;
  const tooLong = hours > MAX_SLOT_HOURS;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (tooLong) return;
    setBusy(true);
    setError(undefined);
    try {
      const published = await props.api.publishSlots({ slots: slotsFrom(firstDay, start, end, days).map((slot) => ({ ...slot, role })) });
      props.onPublished(published.slots);
    } catch (e) {
      setError(errorText(e, t.common.generic));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card stack admin-form" onSubmit={(e) => void submit(e)} aria-labelledby="publish-heading">
      <h2 id="publish-heading" className="card__title">
        {t.schedule.publishHeading}
      </h2>
      <p className="hint">{t.schedule.publishIntro}</p>
      {error ? (
        <p className="card card--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="admin-form__row">
        <label className="field">
          <span className="field__label">{w.slotRoleLabel}</span>
          <select value={role} onChange={(e) => setRole(e.target.value as SlotRole)}>
            {SLOT_ROLES.map((r) => (
              <option key={r} value={r}>
                {w.slotRoles[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t.schedule.date}</span>
          <input type="date" required value={firstDay} onChange={(e) => setFirstDay(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t.schedule.start}</span>
          <input type="time" required step={900} value={start} onChange={(e) => setStart(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t.schedule.end}</span>
          <input type="time" required step={900} value={end} onChange={(e) => setEnd(e.target.value)} aria-invalid={tooLong ? true : undefined} aria-describedby="publish-end-hint" />
        </label>
        <label className="field">
          <span className="field__label">{t.schedule.repeat}</span>
          <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
            {[1, 2, 3, 4, 5, 6, 7].map((n) => (
              <option key={n} value={n}>
                {t.schedule.days(n)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id="publish-end-hint" className={tooLong ? 'error' : 'hint'} aria-live="polite">
        {tooLong ? t.schedule.tooLong : overnight ? t.schedule.overnight : ''}
      </p>
      <button type="submit" className="button button--primary admin-self-start" disabled={busy || tooLong}>
        {busy ? t.schedule.publishing : t.schedule.publish}
      </button>
    </form>
  );
}
