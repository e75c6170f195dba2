// Waiting in line: honest position and wait (announced politely), the preference choice, and what to do when nobody is on shift.
import type { QueueStatus } from '@beside/shared';
import { useLanguage, useT } from '../i18n';
import { Resources } from './Help';

export function QueueScreen(props: {
  status: QueueStatus | undefined;
  busy: boolean;
  onLeave: () => void;
  onPreference: (keep: boolean) => void;
}) {
  const t = useT();
  const { language } = useLanguage();
  const status = props.status;
  const nobody = status?.volunteersOnShift === 0;
  const nextShift = status?.nextShiftAt ? formatTime(status.nextShiftAt, language) : undefined;

  return (
    <section className="stack" aria-labelledby="queue-heading">
      <h1 id="queue-heading">{t.queue.heading}</h1>
      <div className="card queue-card">
        <div className={nobody ? 'pulse pulse--idle' : 'pulse'} aria-hidden="true" />
        <div aria-live="polite" aria-atomic="true" className="queue-card__status">
          {status?.position ? <p className="queue-card__position">{t.queue.position(status.position)}</p> : null}
          {status?.estimatedWaitSeconds !== undefined && !nobody ? <p>{t.queue.wait(status.estimatedWaitSeconds)}</p> : null}
          {nobody ? <p className="queue-card__position">{t.queue.noneOnShift}</p> : null}
          {nobody && nextShift ? <p>{t.queue.nextShift(nextShift)}</p> : null}
        </div>
        {status?.returnedToFront ? <p>{t.queue.returnedToFront}</p> : null}
        {status?.urgent ? <p className="badge badge--urgent">{t.queue.urgent}</p> : null}
        <p className="hint">{nobody ? t.queue.noneOnShiftHelp : t.queue.stayHere}</p>
      </div>
      {status ? <PreferenceChoice status={status} busy={props.busy} onChoose={props.onPreference} /> : null}
      {nobody ? (
        <Resources withEmergency />
      ) : (
        // Help is there before the chat too, but folded: the wait is the news, not a wall of phone numbers.
        <details className="while-you-wait">
          <summary>{t.queue.whileYouWait}</summary>
          <Resources withEmergency />
        </details>
      )}
      <button type="button" className="button button--ghost" onClick={props.onLeave} disabled={props.busy}>
        {t.queue.leave}
      </button>
    </section>
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
