// The weekly schedule: slots by day with who signed up; anyone signs up or withdraws (weekly-hours warning); admins publish and delete.
import { useState } from 'react';
import type { ShiftSlotView } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import { useOnCallT } from '../i18n/oncall';
import { errorText } from './adminApi';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';
import { formatDate, formatDay, formatTime, weekStartUtc } from './format';
import type { PanelProps } from './panel';
import { PublishSlotsForm } from './PublishSlotsForm';
import { useLoad } from './useLoad';

const WEEK_MS = 7 * 24 * 3600_000;

function byDay(slots: ShiftSlotView[]): [string, ShiftSlotView[]][] {
  const days = new Map<string, ShiftSlotView[]>();
  for (const slot of [...slots].sort((a, b) => a.startsAt.localeCompare(b.startsAt))) {
    const key = formatDay(slot.startsAt);
    days.set(key, [...(days.get(key) ?? []), slot]);
  }
  return [...days.entries()];
}

export function SchedulePanel(props: PanelProps) {
  const t = useAdminT();
  const w = useOnCallT();
  const { api, announce } = props;
  const isAdmin = props.session.user.role === 'admin';
  const isVolunteer = props.session.user.role === 'volunteer';
  const [weekStart, setWeekStart] = useState(() => weekStartUtc(new Date()).getTime());
  const from = new Date(weekStart).toISOString();
  const { data, setData, error, loading, reload } = useLoad(() => api.schedule(from, 7).then((r) => r.slots), [api, from]);
  const [warning, setWarning] = useState<string>();
  const [actionError, setActionError] = useState<string>();
  const [confirm, setConfirm] = useState<ConfirmRequest>();
  const now = Date.now();

  const replace = (slot: ShiftSlotView) => setData((list) => list?.map((s) => (s.id === slot.id ? slot : s)));

  async function toggle(slot: ShiftSlotView) {
    setActionError(undefined);
    setWarning(undefined);
    try {
      if (slot.signedUp) {
        replace(await api.withdraw(slot.id));
        announce(t.schedule.withdrawn);
      } else {
        const result = await api.signUp(slot.id);
        replace(result.slot);
        if (result.warning) setWarning(t.schedule.warning(result.warning.weeklyHours, result.warning.limit));
        else announce(t.schedule.signedUpNotice(result.weeklyHours));
      }
    } catch (e) {
      setActionError(errorText(e, t.common.generic));
    }
  }

  const label = (slot: ShiftSlotView) => t.schedule.slotLabel(formatDay(slot.startsAt), formatTime(slot.startsAt), formatTime(slot.endsAt));

  return (
    <section className="admin-section stack" aria-labelledby="schedule-heading">
      <h1 id="schedule-heading" tabIndex={-1} ref={props.headingRef}>
        {t.schedule.heading}
      </h1>
      <p className="hint">{t.schedule.intro}</p>
      {isAdmin ? (
        <PublishSlotsForm
          api={api}
          onPublished={(slots) => {
            announce(t.schedule.published(slots.length));
            // Show the week the new slots start in (often next week).
            const first = slots.map((s) => s.startsAt).sort()[0];
            const week = first ? weekStartUtc(new Date(first)).getTime() : weekStart;
            if (week !== weekStart) setWeekStart(week);
            else void reload();
          }}
        />
      ) : null}
      <div className="week-nav">
        <button type="button" className="button button--ghost button--small" onClick={() => setWeekStart(weekStart - WEEK_MS)}>
          <span aria-hidden="true">←</span> {t.schedule.prevWeek}
        </button>
        <h2 className="week-nav__title" aria-live="polite">
          {t.schedule.weekOf(formatDate(from))}
        </h2>
        <button type="button" className="button button--ghost button--small" onClick={() => setWeekStart(weekStartUtc(new Date()).getTime())}>
          {t.schedule.thisWeek}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={() => setWeekStart(weekStart + WEEK_MS)}>
          {t.schedule.nextWeek} <span aria-hidden="true">→</span>
        </button>
      </div>
      {warning ? (
        <p className="card card--notice" role="alert">
          {warning}
        </p>
      ) : null}
      {actionError || error ? (
        <p className="card card--error" role="alert">
          {actionError ?? errorText(error, t.common.generic)}
        </p>
      ) : null}
      {loading && !data ? <p className="hint">{t.common.loading}</p> : null}
      {data && data.length === 0 ? <p className="card card--quiet">{t.schedule.empty}</p> : null}
      {data && data.length > 0 ? (
        <div className="schedule">
          {byDay(data).map(([day, slots]) => (
            <section key={day} className="schedule__day" aria-label={day}>
              <h3>{day}</h3>
              <ul className="admin-list">
                {slots.map((slot) => {
                  const ended = Date.parse(slot.endsAt) <= now;
                  const started = Date.parse(slot.startsAt) <= now;
                  return (
                    <li key={slot.id} className={`admin-list__item slot${slot.signedUp ? ' slot--mine' : ''}`}>
                      <div>
                        <p className="admin-table__name">
                          {formatTime(slot.startsAt)} – {formatTime(slot.endsAt)}
                          {slot.role === 'supervisor' ? <span className="badge slot__badge">{w.slotRoles.supervisor}</span> : null}
                          {slot.signedUp ? <span className="badge badge--on slot__badge">{t.schedule.signedUp}</span> : null}
                        </p>
                        <p className="hint">
                          {slot.signups.length === 0
                            ? t.schedule.nobody
                            : slot.signups.map((s) => `${s.displayName} (${s.languages.map((l) => l.toUpperCase()).join('/')})`).join(', ')}
                        </p>
                      </div>
                      <div className="admin-actions admin-actions--row">
                        {ended ? (
                          <span className="hint">{t.schedule.ended}</span>
                        ) : slot.role === 'supervisor' && isVolunteer ? (
                          <span className="hint">{w.supervisorsOnly}</span>
                        ) : (
                          <button
                            type="button"
                            className={`button button--small ${slot.signedUp ? 'button--ghost' : 'button--primary'}`}
                            disabled={slot.signedUp && started}
                            aria-label={`${slot.signedUp ? t.schedule.withdraw : t.schedule.signUp}: ${label(slot)}`}
                            onClick={() => void toggle(slot)}
                          >
                            {slot.signedUp ? t.schedule.withdraw : t.schedule.signUp}
                          </button>
                        )}
                        {isAdmin ? (
                          <button
                            type="button"
                            className="button button--ghost button--small"
                            aria-label={`${t.schedule.deleteSlot}: ${label(slot)}`}
                            onClick={() =>
                              setConfirm({
                                message: t.schedule.confirmDelete(label(slot)),
                                confirmLabel: t.schedule.deleteSlot,
                                danger: true,
                                onConfirm: () =>
                                  void api.deleteSlot(slot.id).then(
                                    () => {
                                      setData((list) => list?.filter((s) => s.id !== slot.id));
                                      announce(t.schedule.deleted);
                                    },
                                    (e: unknown) => setActionError(errorText(e, t.common.generic)),
                                  ),
                              })
                            }
                          >
                            {t.common.delete}
                          </button>
                        ) : null}
                      </div>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </div>
      ) : null}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </section>
  );
}
