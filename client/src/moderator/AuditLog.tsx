// The audit log browser: filter by actor, action, target and time, newest first, older pages on demand; ids and codes only, never content.
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import type { AuditEntryView } from '@beside/shared';
import { useModT } from '../i18n/moderator';
import { toApiError } from '../ui/api';
import { formatDateTime, modApi, type AuditFilters } from './modApi';

const ACTIONS = [
  'transcript.opened', 'flag.raised', 'flag.decided', 'message.held_back', 'conversation.risk_raised', 'visitor.blocked',
  'visitor.banned', 'ban.lifted', 'volunteer.warned', 'volunteer.suspended', 'supervision.help_requested',
  'supervision.observed', 'supervision.left', 'supervision.whisper', 'supervision.takeover', 'supervision.ended',
  'auth.login', 'auth.login_failed', 'auth.logout', 'auth.refresh_reuse_detected', 'auth.recovery_code_used',
  'auth.2fa_enabled', 'auth.2fa_disabled', 'auth.2fa_reset', 'staff.invited', 'staff.role_changed',
  'staff.suspended', 'staff.disabled', 'staff.reactivated', 'schedule.published', 'schedule.slot_deleted',
];

export function AuditLog(props: { token: string }) {
  const t = useModT();
  const ids = { actor: useId(), action: useId(), target: useId(), since: useId() };
  const [draft, setDraft] = useState({ actorId: '', action: '', targetId: '', since: '' });
  const [filters, setFilters] = useState<AuditFilters>({});
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [next, setNext] = useState<number>();
  const [error, setError] = useState<string>();
  const [loading, setLoading] = useState(false);

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
    setFilters({ actorId: draft.actorId.trim() || undefined, action: draft.action || undefined, targetId: draft.targetId.trim() || undefined, since });
  }

  return (
    <div className="stack">
      <form className="card audit-filters" onSubmit={apply} aria-label={t.audit.filters}>
        <label className="field" htmlFor={ids.actor}>
          <span className="field__label">{t.audit.actor}</span>
          <input id={ids.actor} value={draft.actorId} onChange={(e) => setDraft({ ...draft, actorId: e.target.value })} />
        </label>
        <div className="field">
          <label className="field__label" htmlFor={ids.action}>
            {t.audit.action}
          </label>
          <select id={ids.action} className="mod-select" value={draft.action} onChange={(e) => setDraft({ ...draft, action: e.target.value })}>
            <option value="">{t.audit.anyAction}</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
          </select>
        </div>
        <label className="field" htmlFor={ids.target}>
          <span className="field__label">{t.audit.target}</span>
          <input id={ids.target} value={draft.targetId} onChange={(e) => setDraft({ ...draft, targetId: e.target.value })} />
        </label>
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
              setDraft({ actorId: '', action: '', targetId: '', since: '' });
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
                    {e.actorName ?? (e.actorId ? <code>{e.actorId.slice(0, 8)}</code> : t.audit.system)}
                    <span className="hint"> · {e.actorRole}</span>
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.targetId ? <code title={e.targetId}>{`${e.targetType ?? ''} ${e.targetId.slice(0, 8)}`.trim()}</code> : '—'}</td>
                  <td className="audit-details">
                    {Object.entries(e.details)
                      .map(([k, v]) => `${k}: ${String(v)}`)
                      .join(' · ')}
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
