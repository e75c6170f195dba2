// The live alerts column: one card per chat (or waiting survivor) in danger, with every sign listed and an age that
// ticks, acknowledged with a reason rather than dismissed; and the new flags of the review queue.
import { useEffect, useState } from 'react';
import { ALERT_ACK_REASONS, type AlertAckReason, type AlertView, type PageStatus } from '@beside/shared';
import { useModT } from '../i18n/moderator';
import { useStaffT } from '../i18n/staff';
import { useOnCallT } from '../i18n/oncall';
import { formatTime, modApi } from './modApi';
import { OnCallStrip } from './OnCallStrip';
import type { LiveAlert, ModeratorLive } from './useModeratorLive';

/** Minutes since `iso`, refreshed every 20 s so the card's age ticks. */
function useMinutesSince(iso: string): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 20_000);
    return () => clearInterval(timer);
  }, []);
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 60_000));
}

/** Where the alert's page to the on-call supervisor stands; asked again when the alert changes, and while pending. */
function usePageStatus(token: string, alertId: string, version: string): PageStatus | undefined {
  const [status, setStatus] = useState<PageStatus>();
  useEffect(() => {
    let current = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () =>
      void modApi
        .pageStatus(token, alertId)
        .then((r) => {
          if (!current) return;
          setStatus(r.status);
          if (r.status === 'pending') timer = setTimeout(load, 10_000);
        })
        .catch(() => undefined);
    load();
    return () => {
      current = false;
      if (timer) clearTimeout(timer);
    };
  }, [token, alertId, version]);
  return status;
}

function DangerCard(props: { token: string; alert: AlertView; live: ModeratorLive; onObserve: (conversationId: string) => Promise<string | undefined> }) {
  const t = useModT();
  const ts = useStaffT();
  const { alert } = props;
  const minutes = useMinutesSince(alert.raisedAt);
  const page = usePageStatus(props.token, alert.id, `${alert.updatedAt}|${alert.status}`);
  const w = useOnCallT();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState<AlertAckReason>('observing');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const open = alert.status === 'open';
  const headingId = `alert-${alert.id}`;

  async function run(action: () => Promise<string | undefined>) {
    setBusy(true);
    const failed = await action();
    setBusy(false);
    setError(failed ?? '');
    return failed;
  }

  return (
    <li className={`alert ${open ? 'alert--urgent' : 'alert--quiet'}`} aria-labelledby={headingId}>
      <p className="alert__title" id={headingId}>
        {alert.imminent ? <span className="alert__pill">{t.alerts.imminent}</span> : null}
        {t.alerts.danger(alert.volunteerName)}
      </p>
      <ul className="alert__kinds">
        {alert.kinds.map((k) => (
          <li key={k}>
            {t.alerts.kinds[k]}
            {k === 'crisis' && alert.crisisKinds.length > 0 ? ` (${alert.crisisKinds.map((c) => t.crisis[c]).join(', ')})` : null}
          </li>
        ))}
      </ul>
      <p className="alert__meta">
        <time dateTime={alert.raisedAt} title={formatTime(alert.raisedAt)}>
          {t.alerts.age(minutes)}
        </time>
        {` · ${ts.topics[alert.topic]} · ${ts.languages[alert.language]}`}
      </p>
      {/* Nobody can be paged at all: the strip above says so once, not on every card. */}
      {page && page !== 'none' && page !== 'not_configured' ? <p className={`alert__meta alert__page alert__page--${page}`}>{w.pageStatus[page]}</p> : null}
      {alert.acknowledgedByName && alert.ackReason ? (
        <p className="alert__meta">{t.alerts.acknowledged(alert.acknowledgedByName, t.alerts.ackReasons[alert.ackReason])}</p>
      ) : null}
      {asking ? (
        <fieldset className="alert__ack">
          <legend>{t.alerts.acknowledgeAs}</legend>
          {ALERT_ACK_REASONS.map((r) => (
            <label key={r} className="alert__ack-choice">
              <input type="radio" name={`ack-${alert.id}`} value={r} checked={reason === r} onChange={() => setReason(r)} />
              {t.alerts.ackReasons[r]}
            </label>
          ))}
          <div className="alert__actions">
            <button
              type="button"
              className="button button--primary button--small"
              disabled={busy}
              onClick={() => void run(() => props.live.acknowledge(alert.id, reason)).then((failed) => !failed && setAsking(false))}
            >
              {t.alerts.acknowledgeConfirm}
            </button>
            <button type="button" className="link-button" onClick={() => setAsking(false)}>
              {t.alerts.cancel}
            </button>
          </div>
        </fieldset>
      ) : (
        <div className="alert__actions">
          {alert.conversationId ? (
            <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void run(() => props.onObserve(alert.conversationId!))}>
              {alert.kinds.includes('help_request') && open ? t.alerts.answer : t.alerts.observe}
            </button>
          ) : null}
          {open ? (
            <button type="button" className="button button--small" onClick={() => setAsking(true)}>
              {t.alerts.acknowledge}
            </button>
          ) : null}
        </div>
      )}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}

export function AlertsPanel(props: {
  token: string;
  live: ModeratorLive;
  onObserve: (conversationId: string) => Promise<string | undefined>;
  onReview: () => void;
}) {
  const t = useModT();
  const { alerts, openFlags } = props.live;

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
      <OnCallStrip token={props.token} selfName={props.live.selfName} poke={alerts.length} />
      {alerts.length === 0 ? <p className="hint">{t.alerts.empty}</p> : null}
      <ul className="alert-list">
        {alerts.map((item: LiveAlert) =>
          item.kind === 'danger' ? (
            <DangerCard key={item.key} token={props.token} alert={item.alert} live={props.live} onObserve={props.onObserve} />
          ) : (
            <li key={item.key} className={`alert alert--${item.flag.severity === 4 ? 'urgent' : 'quiet'}`}>
              <p className="alert__title">{t.alerts.flag(t.reasons[item.flag.reason])}</p>
              <p className="alert__meta">
                <time dateTime={item.at}>{formatTime(item.at)}</time>
                {` · ${t.severity[item.flag.severity]} · ${t.sources[item.flag.source]}`}
              </p>
              <div className="alert__actions">
                <button type="button" className="button button--small" onClick={props.onReview}>
                  {t.alerts.review}
                </button>
                <button type="button" className="link-button" onClick={() => props.live.dismissAlert(item.key)}>
                  {t.alerts.dismiss}
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
    </aside>
  );
}
