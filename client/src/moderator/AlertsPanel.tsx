// The live alerts column: help requests, high-risk chats and new flags, newest first, each with its one next step.
import { useState } from 'react';
import { useModT } from '../i18n/moderator';
import { useStaffT } from '../i18n/staff';
import { formatTime } from './modApi';
import type { LiveAlert, ModeratorLive } from './useModeratorLive';

export function AlertsPanel(props: {
  live: ModeratorLive;
  onObserve: (conversationId: string) => Promise<string | undefined>;
  onReview: () => void;
}) {
  const t = useModT();
  const ts = useStaffT();
  const { alerts, openFlags } = props.live;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<string>();

  async function observe(alert: LiveAlert, conversationId: string) {
    setBusy(alert.key);
    const error = await props.onObserve(conversationId);
    setBusy(undefined);
    setErrors((e) => ({ ...e, [alert.key]: error ?? '' }));
  }

  return (
    <aside className="mod__alerts" aria-labelledby="mod-alerts-heading">
      <div className="mod__alerts-head">
        <h2 id="mod-alerts-heading">{t.alerts.heading}</h2>
        {openFlags > 0 ? (
          <button type="button" className="link-button" onClick={props.onReview}>
            {t.alerts.openFlags(openFlags)}
          </button>
        ) : null}
      </div>
      {alerts.length === 0 ? <p className="hint">{t.alerts.empty}</p> : null}
      <ul className="alert-list">
        {alerts.map((alert) => {
          const ended = alert.kind === 'flag' ? undefined : alert.ended;
          const tone = ended
            ? 'quiet'
            : alert.kind === 'risk' || (alert.kind === 'flag' && alert.flag.severity === 4)
              ? 'urgent'
              : alert.kind === 'help' && alert.help.status === 'open'
                ? 'help'
                : 'quiet';
          return (
            <li key={alert.key} className={`alert alert--${tone}`}>
              <p className="alert__title">
                {alert.kind === 'help' ? t.alerts.help(alert.help.volunteerName) : null}
                {alert.kind === 'risk' ? t.alerts.risk(alert.risk.volunteerName) : null}
                {alert.kind === 'flag' ? t.alerts.flag(t.reasons[alert.flag.reason]) : null}
              </p>
              <p className="alert__meta">
                <time dateTime={alert.at}>{formatTime(alert.at)}</time>
                {alert.kind === 'help' ? ` · ${t.review.chat(ts.topics[alert.help.topic], ts.languages[alert.help.language], alert.help.volunteerName)}` : null}
                {alert.kind === 'risk' ? ` · ${alert.risk.kinds.map((k) => t.crisis[k]).join(', ')}` : null}
                {alert.kind === 'flag' ? ` · ${t.severity[alert.flag.severity]} · ${t.sources[alert.flag.source]}` : null}
              </p>
              {alert.kind === 'help' && alert.help.answeredByName ? <p className="alert__meta">{t.alerts.answered(alert.help.answeredByName)}</p> : null}
              {ended ? <p className="alert__meta alert__ended">{t.alerts.ended(ended.continues, formatTime(ended.endedAt))}</p> : null}
              <div className="alert__actions">
                {alert.kind === 'help' && !ended ? (
                  <button type="button" className="button button--primary button--small" disabled={busy === alert.key} onClick={() => void observe(alert, alert.help.conversationId)}>
                    {alert.help.status === 'open' ? t.alerts.answer : t.alerts.observe}
                  </button>
                ) : null}
                {alert.kind === 'risk' && !ended ? (
                  <button type="button" className="button button--primary button--small" disabled={busy === alert.key} onClick={() => void observe(alert, alert.risk.conversationId)}>
                    {t.alerts.observe}
                  </button>
                ) : null}
                {alert.kind === 'flag' ? (
                  <button type="button" className="button button--small" onClick={props.onReview}>
                    {t.alerts.review}
                  </button>
                ) : null}
                <button type="button" className="link-button" onClick={() => props.live.dismissAlert(alert.key)}>
                  {t.alerts.dismiss}
                </button>
              </div>
              {errors[alert.key] ? (
                <p className="error" role="alert">
                  {errors[alert.key]}
                </p>
              ) : null}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}

