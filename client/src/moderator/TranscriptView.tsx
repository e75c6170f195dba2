// An opened transcript under review: what was opened and why, the flags with the reporter's words, the messages with flagged ones marked, the decision.
import { useEffect, useRef } from 'react';
import type { Transcript } from '@beside/shared';
import { useModT } from '../i18n/moderator';
import { useStaffT } from '../i18n/staff';
import { DecisionForm } from './DecisionForm';
import { formatDateTime } from './modApi';
import { TranscriptLog } from './TranscriptLog';

export function TranscriptView(props: { token: string; transcript: Transcript; flagId: string; onClose: () => void }) {
  const t = useModT();
  const ts = useStaffT();
  const { transcript } = props;
  const conv = transcript.conversation;
  const heading = useRef<HTMLHeadingElement>(null);
  const flag = transcript.flags.find((f) => f.id === props.flagId);

  useEffect(() => heading.current?.focus(), []);

  return (
    <div className="mod-review">
      <div className="mod-toolbar">
        <button type="button" className="button button--ghost button--small" onClick={props.onClose}>
          ← {t.transcript.close}
        </button>
      </div>
      <section className="card stack" aria-labelledby="transcript-heading">
        <h2 id="transcript-heading" ref={heading} tabIndex={-1}>
          {t.transcript.heading}
        </h2>
        <p>{t.transcript.meta(ts.topics[conv.topic], ts.languages[conv.language], conv.volunteerName)}</p>
        <p className="card card--notice">{t.transcript.openedFor(t.purposes[transcript.purpose], formatDateTime(transcript.openedAt))}</p>
        <h3>{t.transcript.flags}</h3>
        <ul className="flag-details">
          {transcript.flags.map((f) => (
            <li key={f.id} className={f.id === props.flagId ? 'flag-detail flag-detail--current' : 'flag-detail'}>
              <p>
                <span className={`badge sev sev--${f.severity}`}>{t.severity[f.severity]}</span> <strong>{t.reasons[f.reason]}</strong> ·{' '}
                {t.raisedBy(f.raisedBy.role, f.raisedBy.name)} · <time dateTime={f.createdAt}>{formatDateTime(f.createdAt)}</time>
              </p>
              {f.note ? (
                <blockquote className="flag-detail__note">
                  <span className="field__label">{t.transcript.note}</span>
                  <p>{f.note}</p>
                </blockquote>
              ) : null}
              {f.outcome ? (
                <p className="hint">
                  {t.review.decided(t.outcomes[f.outcome], f.decidedByName ?? '', f.decidedAt ? formatDateTime(f.decidedAt) : '')}
                  {f.decisionNote ? ` — ${t.transcript.decisionNote}: ${f.decisionNote}` : ''}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
      <div className="mod-review__grid">
        <section className="card mod-review__log" aria-label={t.transcript.log}>
          {conv.transcriptDeleted ? <p className="card card--notice">{t.transcript.deleted}</p> : null}
          <TranscriptLog messages={transcript.messages} label={t.transcript.log} />
          {transcript.whispers.length > 0 ? (
            <details className="mod-whispers-detail">
              <summary>{t.transcript.whispers}</summary>
              <ul className="messages__log">
                {transcript.whispers.map((w) => (
                  <li key={w.id} className={`msg whisper whisper--${w.sender}`}>
                    <span className="msg__who">{w.senderName}</span>
                    <p className="msg__body">{w.body}</p>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </section>
        {flag && flag.status === 'open' ? (
          <DecisionForm token={props.token} flag={flag} />
        ) : (
          <p className="card card--quiet">{t.decision.alreadyClosed}</p>
        )}
      </div>
    </div>
  );
}
