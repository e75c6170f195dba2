// One flag in the review queue (no content: reason, who raised it, the conversation's shape) and the audited "open transcript" step.
import { useId, useState, type FormEvent } from 'react';
import type { FlagQueueItem, Transcript, TranscriptPurpose } from '@beside/shared';
import { useModT } from '../i18n/moderator';
import { useStaffT } from '../i18n/staff';
import { toApiError } from '../ui/api';
import { formatDateTime, minutesSince, modApi } from './modApi';

// Spelled out (typed against the contract) so that zod stays out of this chunk.
const PURPOSES: readonly TranscriptPurpose[] = ['review_flag', 'risk_follow_up', 'complaint_or_appeal', 'live_supervision'];

export function FlagCard(props: { token: string; flag: FlagQueueItem; onOpened: (transcript: Transcript) => void }) {
  const t = useModT();
  const ts = useStaffT();
  const { flag } = props;
  const [asking, setAsking] = useState(false);
  const [purpose, setPurpose] = useState<TranscriptPurpose | ''>('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const purposeId = useId();
  const titleId = useId();

  async function open(event: FormEvent) {
    event.preventDefault();
    if (!purpose) return;
    setBusy(true);
    setError(undefined);
    try {
      props.onOpened(await modApi.openTranscript(props.token, flag.conversationId, purpose, flag.id));
    } catch (e) {
      setError(toApiError(e).message);
      setBusy(false);
    }
  }

  const conv = flag.conversation;
  return (
    <li className={`card flag flag--sev${flag.severity}`} aria-labelledby={titleId}>
      <div className="flag__head">
        <span className={`badge sev sev--${flag.severity}`}>{t.severity[flag.severity]}</span>
        <h2 id={titleId} className="flag__reason">
          {t.reasons[flag.reason]}
        </h2>
        <span className="flag__age">
          <time dateTime={flag.createdAt} title={formatDateTime(flag.createdAt)}>
            {t.review.ago(minutesSince(flag.createdAt))}
          </time>
        </span>
      </div>
      <p className="flag__meta">
        {t.sources[flag.source]}
        {flag.raisedBy.role === 'system' ? null : ` · ${t.raisedBy(flag.raisedBy.role, flag.raisedBy.name)}`}
      </p>
      <p className="flag__meta">
        {t.review.chat(ts.topics[conv.topic], ts.languages[conv.language], conv.volunteerName)}
        {conv.takenOverByName ? ` · ${t.review.takenOverBy(conv.takenOverByName)}` : ''}
        {conv.risk === 'high' ? ` · ${t.supervision.highRisk}` : ''}
      </p>
      <p className="flag__meta hint">
        {[
          flag.highlightedMessages > 0 ? t.review.highlighted(flag.highlightedMessages) : '',
          flag.hasNote ? t.review.hasNote : '',
          flag.firstOpenedAt && flag.firstOpenedByName ? t.review.opened(flag.firstOpenedByName, formatDateTime(flag.firstOpenedAt)) : '',
          flag.outcome && flag.decidedAt ? t.review.decided(t.outcomes[flag.outcome], flag.decidedByName ?? '', formatDateTime(flag.decidedAt)) : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </p>
      {asking ? (
        <form className="open-form stack" onSubmit={(e) => void open(e)}>
          <p className="open-form__title">{t.open.heading}</p>
          <p className="hint">{t.open.explain}</p>
          <label className="field" htmlFor={purposeId}>
            <span className="field__label">{t.open.purpose}</span>
          </label>
          <select id={purposeId} className="mod-select" required autoFocus value={purpose} onChange={(e) => setPurpose(e.target.value as TranscriptPurpose)}>
            <option value="">—</option>
            {PURPOSES.map((p) => (
              <option key={p} value={p}>
                {t.purposes[p]}
              </option>
            ))}
          </select>
          <div className="mod-actions">
            <button type="submit" className="button button--primary" disabled={busy || !purpose}>
              {t.open.confirm}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setAsking(false)}>
              {t.open.cancel}
            </button>
          </div>
          {error ? (
            <p className="error" role="alert">
              {error}
            </p>
          ) : null}
        </form>
      ) : (
        <div className="mod-actions">
          <button type="button" className="button" onClick={() => setAsking(true)}>
            {t.review.openTranscript}
          </button>
        </div>
      )}
    </li>
  );
}
