// Notices at the top of a chat pane: the risk banner (pinned, foldable) with its protocol and tappable crisis lines, and a hand-off note.
import { useId, useState } from 'react';
import type { Handoff, RiskBanner as RiskBannerData } from '@beside/shared';
import { useStaffT } from '../i18n/staff';
import { ResourceWays } from '../ui/ResourceCard';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/**
 * Pinned above the log, never scrolled away with it. Its head (what was detected, ask for help, show or hide) always
 * shows; the protocol and the crisis lines (tappable) fold away when the volunteer needs the room.
 */
export function RiskBanner(props: { banner: RiskBannerData; helpAsked: boolean; onAskHelp: () => void }) {
  const all = useStaffT();
  const t = all.tools.risk;
  const { banner } = props;
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  const kinds = banner.kinds.map((k) => t.kinds[k] ?? k).join(', ');
  // Why the banner is up, as it is: crisis words read in the chat, the intake's danger answer, or a mark.
  const summary = banner.signs.includes('crisis') && kinds ? t.detected(kinds) : banner.signs.includes('intake_danger') ? t.intakeDanger : kinds && banner.signs.length === 0 ? t.detected(kinds) : t.markedEarlier;
  return (
    <section className={open ? 'risk-banner' : 'risk-banner risk-banner--folded'} role="alert" aria-label={t.title}>
      <div className="risk-banner__head">
        <h3 className="risk-banner__title">{banner.imminent ? t.imminentTitle : t.title}</h3>
        <p className="risk-banner__summary">{summary}</p>
        <div className="risk-banner__actions">
          {!props.helpAsked ? (
            <button type="button" className="button button--danger button--small" onClick={props.onAskHelp}>
              {t.askHelp}
            </button>
          ) : null}
          <button type="button" className="button button--ghost button--small" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
            {open ? all.signals.risk.collapse : all.signals.risk.expand}
          </button>
        </div>
      </div>
      {/* Focusable: the body scrolls when the protocol is long. */}
      <div id={bodyId} className="risk-banner__body" hidden={!open} tabIndex={0}>
        {/* On a phone the summary moves here (layout.css), so that the head stays one short row. */}
        <p className="risk-banner__summary risk-banner__summary--body" aria-hidden="true">
          {summary}
        </p>
        {banner.imminent ? <p className="risk-banner__imminent">{t.imminentRule}</p> : null}
        <ol className="risk-banner__steps">
          {banner.steps.map((step) => (
            <li key={step}>
              {step !== 'supervisor_alerted'
                ? t.steps[step]
                : banner.acknowledgedByName
                  ? t.acknowledged(banner.acknowledgedByName)
                  : banner.reach
                    ? t.reach(banner.reach)
                    : t.steps[step]}
            </li>
          ))}
        </ol>
        {banner.resources.length > 0 ? (
          <>
            <p className="risk-banner__subtitle">{t.resources}</p>
            <ul className="risk-banner__resources">
              {banner.resources.map((r) => (
                <li key={r.name}>
                  <strong>{r.name}</strong>
                  {r.hours ? <span className="hint"> · {r.hours}</span> : null}
                  <ResourceWays resource={r} labels={all.chat.resource} className="risk-banner__ways" />
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
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
