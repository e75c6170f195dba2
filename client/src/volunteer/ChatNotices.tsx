// Notices at the top of a chat pane: the risk banner with its protocol and crisis lines, and a hand-off note.
import type { Handoff, RiskBanner as RiskBannerData } from '@beside/shared';
import { useStaffT } from '../i18n/staff';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function RiskBanner(props: { banner: RiskBannerData; helpAsked: boolean; onAskHelp: () => void }) {
  const t = useStaffT().tools.risk;
  const { banner } = props;
  const kinds = banner.kinds.map((k) => t.kinds[k] ?? k).join(', ');
  return (
    // Focusable: the banner scrolls when the protocol is long, and once help is asked it holds no button to reach it by.
    <section className="risk-banner" role="alert" aria-label={t.title} tabIndex={0}>
      <h3 className="risk-banner__title">{t.title}</h3>
      <p>{kinds ? t.detected(kinds) : t.markedEarlier}</p>
      <ol className="risk-banner__steps">
        {banner.steps.map((step) => (
          <li key={step}>{t.steps[step]}</li>
        ))}
      </ol>
      {banner.resources.length > 0 ? (
        <>
          <p className="risk-banner__subtitle">{t.resources}</p>
          <ul className="risk-banner__resources">
            {banner.resources.map((r) => (
              <li key={r.name}>
                <strong>{r.name}</strong>
                {[r.phone, r.smsNumber && `SMS ${r.smsKeyword ? `${r.smsKeyword} to ` : ''}${r.smsNumber}`, r.hours].filter(Boolean).map((x) => ` · ${x}`)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {!props.helpAsked ? (
        <button type="button" className="button button--danger button--small" onClick={props.onAskHelp}>
          {t.askHelp}
        </button>
      ) : null}
    </section>
  );
}

export function HandoffNote(props: { handoff: Handoff }) {
  const t = useStaffT().tools.handoff;
  const { handoff } = props;
  return (
    <section className="handoff card card--notice" aria-label={t.title(handoff.previousVolunteerName)}>
      <h3 className="card__title">{t.title(handoff.previousVolunteerName)}</h3>
      <p>{t.reason(handoff.reason)}</p>
      {handoff.notes.map((n) => (
        <blockquote key={`${n.fromConversationId}-${n.createdAt}`} className="handoff__note">
          <p>{n.body}</p>
          <footer className="hint">{t.noteBy(n.authorName, timeFormat.format(new Date(n.createdAt)))}</footer>
        </blockquote>
      ))}
    </section>
  );
}
