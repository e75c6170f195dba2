// The first screen: what this is, what quick exit can and cannot hide, and a nudge to a private window.
import { useT } from '../i18n';

export function SafetyNote(props: { onContinue: () => void }) {
  const t = useT();
  return (
    <section className="stack" aria-labelledby="safety-heading">
      <h1 id="safety-heading">
        {t.safety.heading}
      </h1>
      <p className="lead">{t.safety.intro}</p>
      <div className="card card--notice">
        <h2 className="card__title">{t.safety.exitTitle}</h2>
        <p>{t.safety.exitWhat}</p>
        <p>{t.safety.exitLimits}</p>
      </div>
      <button type="button" className="button button--primary button--wide" onClick={props.onContinue}>
        {t.safety.start}
      </button>
      <p className="safety__privacy">
        <a href="/privacy">{t.safety.privacyLink}</a>
      </p>
    </section>
  );
}
