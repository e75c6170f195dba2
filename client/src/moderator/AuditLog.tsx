// The audit log browser: filter by person (by name), action (in words), target and time, newest first, older pages on demand; never content.
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { AuditEntryView, StaffDirectoryEntry } from '@beside/shared';
import { useModT } from '../i18n/moderator';
import { useStaffT } from '../i18n/staff';
import { toApiError } from '../ui/api';
import { actionLabel, describeDetails } from './auditText';
import { formatDateTime, modApi, type AuditFilters } from './modApi';

const ACTIONS = [
  'transcript.opened', 'flag.raised', 'flag.decided', 'message.held_back', 'conversation.risk_raised', 'visitor.blocked',
  'visitor.banned', 'ban.lifted', 'volunteer.warned', 'volunteer.suspended', 'supervision.help_requested',
  'supervision.observed', 'supervision.left', 'supervision.whisper', 'supervision.takeover', 'supervision.ended',
  'auth.login', 'auth.login_failed', 'auth.logout', 'auth.refresh_reuse_detected', 'auth.recovery_code_used',
  'auth.2fa_enabled', 'auth.2fa_disabled', 'auth.2fa_reset', 'auth.password_reset', 'staff.invited', 'staff.role_changed',
  'staff.training_recorded', 'staff.training_cleared', 'staff.password_reset_issued',
  'staff.suspended', 'staff.disabled', 'staff.reactivated', 'schedule.published', 'schedule.slot_deleted',
  'transcript.deleted_by_visitor', 'retention.transcripts_deleted', 'wrap_up.submitted', 'wrap_up.opened',
];

const EMPTY = { actorId: '', action: '', targetStaff: '', targetId: '', since: '' };

export function AuditLog(props: { token: string }) {
  const t = useModT();
  const ts = useStaffT();
  const a = t.readable.audit;
  const ids = { actor: useId(), action: useId(), target: useId(), targetId: useId(), targetHint: useId(), since: useId() };
  const [draft, setDraft] = useState(EMPTY);
  const [filters, setFilters] = useState<AuditFilters>({});
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [people, setPeople] = useState<StaffDirectoryEntry[]>([]);
  const [next, setNext] = useState<number>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);
  const names = useMemo(() => new Map(people.map((p) => [p.id, p.displayName])), [people]);
  const actions = useMemo(() => [...ACTIONS].sort((x, y) => actionLabel(x, t).localeCompare(actionLabel(y, t))), [t]);

  useEffect(() => {
    modApi.staff(props.token).then(
      (r) => setPeople(r.staff),
      () => undefined,
    );
  }, [props.token]);

  const load = useCallback(
    async (beforeId?: number) => {
      setLoading(true);
      setError(undefined);
      try {
        const page = await modApi.audit(props.token, filters, beforeId);
        setEntries((list) => (beforeId ? [...list, ...page.entries] : page.entries));
        setNext(page.nextBeforeId);
      } catch (e) {
        setError(toApiError(e).message);
      }
      setLoading(false);
    },
    [props.token, filters],
  );

  useEffect(() => void load(), [load]);

  function apply(event: FormEvent) {
    event.preventDefault();
    const since = draft.since ? new Date(draft.since).toISOString() : undefined;
    const targetId = draft.targetStaff || draft.targetId.trim() || undefined;
    setFilters({ actorId: draft.actorId || undefined, action: draft.action || undefined, targetId, since });
  }

  const person = (p: StaffDirectoryEntry) => `${p.displayName} · ${a.roles[p.role] ?? p.role}${a.statusSuffix[p.status] ?? ''}`;
  const target = (e: AuditEntryView) => {
    if (!e.targetId) return '—';
    const name = e.targetName ?? (e.targetType === 'staff' ? names.get(e.targetId) : undefined);
    if (name) return name;
    return a.idShort(a.targetTypes[e.targetType ?? ''] ?? (e.targetType ? e.targetType : ''), e.targetId).trim();
  };

  return (
    <div className="stack">
      <form className="card audit-filters" onSubmit={apply} aria-label={t.audit.filters}>
        <div className="field">
          <label className="field__label" htmlFor={ids.actor}>
            {a.actor}
          </label>
          <select id={ids.actor} className="mod-select" value={draft.actorId} onChange={(e) => setDraft({ ...draft, actorId: e.target.value })}>
            <option value="">{a.anyone}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {person(p)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.action}>
            {t.audit.action}
          </label>
          <select id={ids.action} className="mod-select" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
            <option value="">{t.audit.anyAction}</option>
            {actions.map((x) => (
              <option key={x} value={x}>
                {actionLabel(x, t)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={ids.target}>
            {a.target}
          </label>
          <select
            id={ids.target}
            className="mod-select"
            value={draft.targetStaff}
            onChange={(e) => setDraft({ ...draft, targetStaff: e.target.value, targetId: e.target.value ? '' : draft.targetId })}
          >
            <option value="">{a.targetAnyone}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {person(p)}
              </option>
            ))}
          </select>
        </div>
        {draft.targetStaff ? null : (
          <label className="field" htmlFor={ids.targetId}>
            <span className="field__label">{a.targetId}</span>
            <input id={ids.targetId} value={draft.targetId} aria-describedby={ids.targetHint} onChange={(e) => setDraft({ ...draft, targetId: e.target.value })} />
            <span id={ids.targetHint} className="hint">
              {a.targetIdHint}
            </span>
          </label>
        )}
        <label className="field" htmlFor={ids.since}>
          <span className="field__label">{t.audit.since}</span>
          <input id={ids.since} type="datetime-local" value={draft.since} onChange={(e) => setDraft({ ...draft, since: e.target.value })} />
        </label>
        <div className="mod-actions audit-filters__buttons">
          <button type="submit" className="button button--primary">
            {t.audit.apply}
          </button>
          <button
            type="button"
            className="button button--ghost"
            onClick={() => {
              setDraft(EMPTY);
              setFilters({});
            }}
          >
            {t.audit.clear}
          </button>
        </div>
      </form>
      {error ? (
        <p className="card card--error" role="alert">
          {error}
        </p>
      ) : null}
      <p className="hint" role="status">
        {loading ? t.review.loading : entries.length === 0 ? t.audit.empty : t.audit.count(entries.length)}
      </p>
      {entries.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="region" aria-label={t.audit.heading}>
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{t.audit.columns.at}</th>
                <th scope="col">{t.audit.columns.actor}</th>
                <th scope="col">{t.audit.columns.action}</th>
                <th scope="col">{t.audit.columns.target}</th>
                <th scope="col">{t.audit.columns.details}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </td>
                  <td>
                    {e.actorName ?? (e.actorId ? names.get(e.actorId) : undefined) ?? (e.actorRole === 'system' ? t.audit.system : a.roles[e.actorRole] ?? e.actorRole)}
                    {e.actorName || (e.actorId && names.has(e.actorId)) ? <span className="hint"> · {a.roles[e.actorRole] ?? e.actorRole}</span> : null}
                  </td>
                  <td>{actionLabel(e.action, t)}</td>
                  <td title={e.targetId}>{target(e)}</td>
                  <td className="audit-details">
                    {describeDetails(e, t, ts).map((line) => (
                      <span key={line} className="audit-details__line">
                        {line}
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next ? (
        <button type="button" className="button" disabled={loading} onClick={() => void load(next)}>
          {t.audit.more}
        </button>
      ) : null}
    </div>
  );
}
