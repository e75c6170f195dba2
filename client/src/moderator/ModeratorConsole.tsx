// The moderator console frame: top bar, section navigation, the alerts column (always in view) and the chosen section.
import { useEffect, useRef, useState } from 'react';
import { useBoardT } from '../i18n/board';
import { useModT } from '../i18n/moderator';
import { useStaffT } from '../i18n/staff';
import { AttentionSettings, NotificationNudge } from '../ui/AttentionSettings';
import { StaffMenu } from '../ui/StaffMenu';
import type { StaffSession } from '../ui/staffSession';
import { useStaffAttention } from '../ui/useAttention';
import { AlertsPanel } from './AlertsPanel';
import { AuditLog } from './AuditLog';
import { Dashboard } from './Dashboard';
import { LiveBoard } from './LiveBoard';
import { ReviewSection } from './ReviewSection';
import { SupervisionSection } from './SupervisionSection';
import { useModeratorAttention } from './useModeratorAttention';
import { useModeratorLive, type LiveAlert } from './useModeratorLive';

type Section = 'board' | 'live' | 'review' | 'audit' | 'dashboard';
const SECTIONS: Section[] = ['board', 'live', 'review', 'audit', 'dashboard'];

export function ModeratorConsole(props: { session: StaffSession; onLogout: () => void }) {
  const t = useModT();
  const { user, token } = props.session;
  const ts = useStaffT();
  const tb = useBoardT();
  const live = useModeratorLive(token, user.displayName, props.onLogout);
  const attention = useStaffAttention();
  useModeratorAttention(live.alerts, attention);
  // The board first: what a supervisor starting a shift needs to see.
  const [section, setSection] = useState<Section>('board');
  const [focusChat, setFocusChat] = useState<string>();
  const [announcement, setAnnouncement] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);
  const lastAnnounced = useRef<string | undefined>(undefined);

  // One polite announcement per new alert, whichever section is open.
  const newest = live.alerts[0];
  useEffect(() => {
    if (!newest || newest.key === lastAnnounced.current) return;
    lastAnnounced.current = newest.key;
    setAnnouncement(announce(newest, t));
  }, [newest, t]);

  function go(next: Section) {
    setSection(next);
    requestAnimationFrame(() => heading.current?.focus());
  }

  async function observeFromAlert(conversationId: string): Promise<string | undefined> {
    const error = await live.observe(conversationId);
    if (!error) {
      setFocusChat(conversationId);
      go('live');
    }
    return error;
  }

  function openObserved(conversationId: string) {
    setFocusChat(conversationId);
    go('live');
  }

  return (
    <div className="mod">
      <header className="console__bar mod__bar">
        <p className="brand">{t.heading}</p>
        <p className={`status status--${live.status}`} role="status">
          {t.status[live.status]}
        </p>
        <div className="console__account">
          <AttentionSettings attention={attention} />
          <StaffMenu
            name={user.displayName}
            role={user.role}
            here="moderator"
            signedInAs={t.signedInAs(user.displayName, user.role)}
            logoutLabel={t.logout}
            onLogout={props.onLogout}
          />
        </div>
      </header>
      {/* Asked when the first alert shows what notifications are for, never on load. */}
      <NotificationNudge show={live.alerts.length > 0} text={ts.signals.nudge.moderatorText} />
      <nav className="mod__nav" aria-label={t.nav.label}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <button type="button" className="mod__tab" aria-current={section === s ? 'page' : undefined} onClick={() => go(s)}>
                {s === 'board' ? tb.nav : t.nav[s]}
                {s === 'review' && live.openFlags > 0 ? <span className="count">{live.openFlags}</span> : null}
                {s === 'live' && live.observed.length > 0 ? <span className="count">{live.observed.length}</span> : null}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="mod__layout">
        <AlertsPanel token={token} live={live} onObserve={observeFromAlert} onReview={() => go('review')} />
        <main className="mod__main" aria-labelledby="mod-section-heading">
          <h1 id="mod-section-heading" ref={heading} tabIndex={-1} className="mod__heading">
            {section === 'board' ? tb.heading : section === 'live' ? t.supervision.heading : section === 'review' ? t.review.heading : section === 'audit' ? t.audit.heading : t.dashboard.heading}
          </h1>
          {section === 'board' ? <LiveBoard token={token} live={live} onObserved={openObserved} /> : null}
          {section === 'live' ? <SupervisionSection live={live} focusChat={focusChat} /> : null}
          {section === 'review' ? <ReviewSection token={token} flagsVersion={live.flagsVersion} /> : null}
          {section === 'audit' ? <AuditLog token={token} /> : null}
          {section === 'dashboard' ? <Dashboard token={token} /> : null}
        </main>
      </div>
    </div>
  );
}

function announce(alert: LiveAlert, t: ReturnType<typeof useModT>): string {
  if (alert.kind === 'danger') {
    const last = alert.alert.kinds[alert.alert.kinds.length - 1];
    return alert.alert.status === 'open' && last ? t.alerts.announceDanger(`${t.alerts.danger(alert.alert.volunteerName)}, ${t.alerts.kinds[last]}`) : '';
  }
  return t.alerts.announceFlag(t.reasons[alert.flag.reason]);
}
