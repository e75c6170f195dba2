// Waiting in line: one honest message per state (announced politely), emergency help first when urgent, the preference choice, leaving with a confirmation.
import { useState, type ReactNode } from 'react';
import type { QueueStatus } from '@beside/shared';
import { useLanguage, useT } from '../i18n';
import { EmergencyNumbers, Resources } from './Help';
import { describeWhen } from './when';

export function QueueScreen(props: {
  status: QueueStatus | undefined;
  /** The opt-in signal for when someone answers. */
  signal?: ReactNode;
  busy: boolean;
  onLeave: () => void;
  onPreference: (keep: boolean) => void;
}) {
  const t = useT();
  const status = props.status;
  const nobody = status?.volunteersOnShift === 0;
  const [confirmLeave, setConfirmLeave] = useState(false);

  return (
    <section className="stack" aria-labelledby="queue-heading">
      <h1 id="queue-heading">{t.queue.heading}</h1>
      {status?.urgent ? (
        // In danger: the ways to get help now come before anything about the wait.
        <section className="card card--urgent queue-urgent" aria-labelledby="queue-urgent-heading">
          <h2 id="queue-urgent-heading" className="card__title">
            {t.queue.urgentHeading}
          </h2>
          <EmergencyNumbers />
          <p>{t.queue.urgentHelp}</p>
        </section>
      ) : null}
      <div className="card queue-card">
        <div className={nobody ? 'pulse pulse--idle' : 'pulse'} aria-hidden="true" />
        <QueueMessage status={status} />
        {status?.urgent ? <p className="badge badge--urgent">{t.queue.urgent}</p> : null}
      </div>
      {props.signal}
      {status ? <PreferenceChoice status={status} busy={props.busy} onChoose={props.onPreference} /> : null}
      {nobody ? (
        <Resources withEmergency={!status?.urgent} emergencyAbove={status?.urgent} />
      ) : (
        // Help is there before the chat too, but folded: the wait is the news, not a wall of phone numbers.
        <details className="while-you-wait">
          <summary>{t.queue.whileYouWait}</summary>
          <Resources withEmergency={!status?.urgent} emergencyAbove={status?.urgent} />
        </details>
      )}
      {confirmLeave ? (
        <div className="card card--notice leave-confirm" role="group" aria-label={t.queue.leaveConfirm}>
          <p>{t.queue.leaveConfirm}</p>
          <button
            type="button"
            className="button button--danger button--small"
            disabled={props.busy}
            onClick={() => {
              setConfirmLeave(false);
              props.onLeave();
            }}
          >
            {t.queue.leaveYes}
          </button>
          <button type="button" className="button button--ghost button--small" autoFocus onClick={() => setConfirmLeave(false)}>
            {t.queue.leaveNo}
          </button>
        </div>
      ) : (
        <button type="button" className="button button--ghost" onClick={() => setConfirmLeave(true)} disabled={props.busy}>
          {t.queue.leave}
        </button>
      )}
    </section>
  );
}

/**
 * One message per state, never two that contradict each other: nobody on shift (with the next shift and the place
 * in line folded into it), back at the front after a volunteer left, or the place in line and the estimate.
 */
function QueueMessage({ status }: { status: QueueStatus | undefined }) {
  const t = useT();
  const { language } = useLanguage();
  let headline: string;
  let detail: string | undefined;
  let hint: string;
  if (!status || status.state !== 'waiting') {
    headline = t.queue.joining;
    hint = t.queue.stayHere;
  } else if (status.volunteersOnShift === 0) {
    const position = status.position ?? 1;
    const when = status.nextShiftAt ? describeWhen(status.nextShiftAt, language, t.when) : undefined;
    headline = t.queue.noneOnShift;
    detail = when ? t.queue.nextShift(when, position) : t.queue.noShiftScheduled(position);
    hint = t.queue.noneOnShiftHelp;
  } else {
    headline = status.returnedToFront ? t.queue.returnedToFront : t.queue.position(status.position ?? 1);
    detail = status.estimatedWaitSeconds !== undefined ? t.queue.wait(status.estimatedWaitSeconds) : undefined;
    hint = t.queue.stayHere;
  }
  return (
    <>
      <div aria-live="polite" aria-atomic="true" className="queue-card__status">
        <p className="queue-card__position">{headline}</p>
        {detail ? <p className="queue-card__detail">{detail}</p> : null}
      </div>
      <p className="hint">{hint}</p>
    </>
  );
}

/** A survivor who asked for a kind of volunteer decides whether to keep waiting for one or take the next volunteer. */
function PreferenceChoice(props: { status: QueueStatus; busy: boolean; onChoose: (keep: boolean) => void }) {
  const t = useT();
  const { language } = useLanguage();
  const { status } = props;
  const pref = status.preference;
  if (!pref || pref === 'none' || status.state !== 'waiting') return null;
  const who = t.queue.preference.names[pref];
  const relaxAt = status.preferenceRelaxAt ? formatTime(status.preferenceRelaxAt, language) : undefined;
  const p = t.queue.preference;

  if (status.keepingPreference) {
    return (
      <div className="card card--quiet preference" role="group" aria-label={p.question}>
        <p>{p.keeping(who)}</p>
        <button type="button" className="button button--ghost" disabled={props.busy} onClick={() => props.onChoose(false)}>
          {p.takeNext}
        </button>
      </div>
    );
  }
  if (status.preferenceRelaxed) {
    return (
      <div className="card card--notice preference" role="group" aria-label={p.question}>
        <p aria-live="polite">{p.relaxed(who)}</p>
        <p>{t.queue.preferenceRelaxed}</p>
        <button type="button" className="button button--ghost" disabled={props.busy} onClick={() => props.onChoose(true)}>
          {p.keep(who)}
        </button>
      </div>
    );
  }
  return (
    <div className="card card--quiet preference" role="group" aria-label={p.question}>
      <p>{p.waiting(who)}</p>
      {relaxAt ? <p className="hint">{p.relaxAt(relaxAt)}</p> : null}
      <div className="preference__actions">
        <button type="button" className="button button--ghost" disabled={props.busy} onClick={() => props.onChoose(true)}>
          {p.keep(who)}
        </button>
        <button type="button" className="button button--ghost" disabled={props.busy} onClick={() => props.onChoose(false)}>
          {p.takeNext}
        </button>
      </div>
    </div>
  );
}

function formatTime(iso: string, language: string): string | undefined {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return undefined;
  const sameDay = date.toDateString() === new Date().toDateString();
  return new Intl.DateTimeFormat(language, {
    hour: 'numeric',
    minute: '2-digit',
    ...(sameDay ? {} : { weekday: 'long' }),
  }).format(date);
}

export function LeftQueue(props: { onRejoin: () => void; busy: boolean }) {
  const t = useT();
  return (
    <section className="stack" aria-labelledby="left-heading">
      <h1 id="left-heading">{t.queue.left}</h1>
      <button type="button" className="button button--primary" onClick={props.onRejoin} disabled={props.busy}>
        {t.queue.rejoin}
      </button>
      <Resources withEmergency />
    </section>
  );
}
