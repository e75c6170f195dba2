// The first screen: what this is, whether anyone is on shift, what quick exit can and cannot hide, and a nudge to a private window.
import { useT } from '../i18n';
import { AvailabilityNote } from './Availability';

export function SafetyNote(props: { onContinue: () => void; onPrivacy: () => void }) {
  const t = useT();
  return (
    <section className="stack" aria-labelledby="safety-heading">
      <h1 id="safety-heading">
        {t.safety.heading}
      </h1>
      <p className="lead">{t.safety.intro}</p>
      <AvailabilityNote />
      <div className="card card--notice">
        <h2 className="card__title">{t.safety.exitTitle}</h2>
        <p>{t.safety.exitWhat}</p>
        <p>{t.safety.exitLimits}</p>
      </div>
      <button type="button" className="button button--primary button--wide" onClick={props.onContinue}>
        {t.safety.start}
      </button>
      <p className="safety__privacy">
        <a
          href="/privacy"
          onClick={(e) => {
            if (e.metaKey || e.ctrlKey || e.shiftKey) return;
            e.preventDefault();
            props.onPrivacy();
          }}
        >
          {t.safety.privacyLink}
        </a>
      </p>
    </section>
  );
}
