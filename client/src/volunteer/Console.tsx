// The volunteer console: one-row bar (shift, alerts, account menu), the queue summary, notices, a tab per chat with unread counts and wait timers, and the chat panes.
import { useCallback, useEffect, useState } from 'react';
import { LANGUAGES } from '@beside/shared';
import { useStaffT } from '../i18n/staff';
import { AttentionSettings, NotificationNudge } from '../ui/AttentionSettings';
import { DirectoryLinks, useDirectoryContacts } from '../ui/directoryLinks';
import { StaffMenu } from '../ui/StaffMenu';
import { useStaffAttention } from '../ui/useAttention';
import { useMediaQuery } from '../ui/useMediaQuery';
import { useChatSnapshot } from '../ui/useChat';
import { waitingSince } from '../ui/waiting';
import { WaitTimer } from '../ui/WaitTimer';
import { ConsoleNotices } from './ConsoleNotices';
import { PendingWrapUps } from './PendingWrapUps';
import { QueueSummaryBar } from './QueueSummaryBar';
import { ShiftControls } from './ShiftControls';
import { StaffChatPane } from './StaffChatPane';
import type { StaffSession } from '../ui/staffSession';
import { useConsoleAttention } from './useConsoleAttention';
import { useStaffConnection } from './useStaffConnection';

/** Wide enough for two chat panes side by side. */
const WIDE_QUERY = '(min-width: 56rem)';

export function Console(props: { session: StaffSession; onLogout: (reason?: 'expired') => void }) {
  const t = useStaffT();
  const { onLogout } = props;
  const sessionEnded = useCallback(() => onLogout('expired'), [onLogout]);
  const { connection, signals, volunteer, shiftError, setShift } = useStaffConnection(
    props.session.user.id,
    props.session.token,
    sessionEnded,
  );
  const snapshot = useChatSnapshot(connection);
  const attention = useStaffAttention();
  const contacts = useDirectoryContacts(LANGUAGES);
  const [selectedId, setSelectedId] = useState<string>();
  const [sideBySide, setSideBySide] = useState(true);
  const [shiftStarted, setShiftStarted] = useState(false);
  const [refusalSeen, setRefusalSeen] = useState<string>();
  const wide = useMediaQuery(WIDE_QUERY);
  // Open chats first, ended ones after them, so a night's ended tabs never push the live ones out of sight.
  const chats = [...snapshot.chats].sort((a, b) => Number(!!a.ended) - Number(!!b.ended));
  const selected = chats.find((c) => c.view.id === selectedId) ?? chats[0];
  const activeCount = chats.filter((c) => !c.ended).length;
  const ended = chats.filter((c) => c.ended);
  const split = sideBySide && activeCount > 1 && wide;
  const shown = split ? chats.filter((c) => !c.ended || c === selected) : selected ? [selected] : [];
  const visibleIds = shown.map((c) => c.view.id).join(' ');
  const unseen = useConsoleAttention(snapshot, signals, visibleIds ? visibleIds.split(' ') : [], attention);

  useEffect(() => {
    const ids = visibleIds ? visibleIds.split(' ') : [];
    connection?.showing(ids);
    const onVisible = () => document.visibilityState === 'visible' && connection?.showing(ids);
    document.addEventListener('visibilitychange', onVisible);
    return () => document.removeEventListener('visibilitychange', onVisible);
  }, [connection, visibleIds]);

  function logout() {
    if (activeCount > 0 && !window.confirm(t.console.confirmLogout(activeCount))) return;
    onLogout();
  }

  function closeEnded() {
    for (const c of ended) if (c !== selected || ended.length === chats.length) connection?.forget(c.view.id);
  }

  return (
    <div className="console">
      <header className="console__bar">
        <p className="brand">{t.product}</p>
        <ShiftControls
          state={volunteer}
          disabled={snapshot.status !== 'online'}
          onChange={(change) => {
            if (change.onShift && !volunteer?.onShift) setShiftStarted(true);
            void setShift(change);
          }}
        />
        <div className="console__account">
          <span className={`status status--${snapshot.status}`} role="status">
            {t.console.status[snapshot.status]}
          </span>
          <AttentionSettings attention={attention} />
          <StaffMenu
            name={props.session.user.displayName}
            role={props.session.user.role}
            here="staff"
            signedInAs={t.console.signedInAs(props.session.user.displayName)}
            logoutLabel={t.console.logout}
            onLogout={logout}
          />
        </div>
      </header>
      {shiftError && refusalSeen !== shiftError ? (
        // Below the bar, not in it: a long refusal must not wrap the bar into several rows.
        <div className="console-refusal" role="alert">
          <p>{shiftError}</p>
          <button type="button" className="button button--ghost button--small" onClick={() => setRefusalSeen(shiftError)}>
            {t.signals.shiftRefusal.dismiss}
          </button>
        </div>
      ) : null}
      <NotificationNudge show={shiftStarted && !!volunteer?.onShift} text={t.signals.nudge.text} />
      {signals ? <QueueSummaryBar signals={signals} /> : null}
      {signals ? <ConsoleNotices signals={signals} /> : null}
      {chats.length === 0 ? (
        <main className="console__empty">
          <h1>{t.console.noChats}</h1>
          <p>{volunteer?.onShift ? t.console.noChatsOnShift : t.console.noChatsOffShift}</p>
          <PendingWrapUps token={props.session.token} />
        </main>
      ) : (
        <main className="console__main">
          <h1 className="visually-hidden">{t.console.heading}</h1>
          <nav className="chat-tabs" aria-label={t.console.chats}>
            {chats.map((c) => (
              <button
                key={c.view.id}
                type="button"
                className={[c.ended ? 'chat-tab chat-tab--ended' : 'chat-tab', unseen.has(c.view.id) ? 'chat-tab--new' : ''].join(' ').trim()}
                aria-current={c === selected ? 'true' : undefined}
                onClick={() => setSelectedId(c.view.id)}
              >
                {c.view.urgent ? (
                  <>
                    <span className="dot dot--urgent" aria-hidden="true" />
                    <span className="visually-hidden">{t.chat.urgent}: </span>
                  </>
                ) : null}
                <span className="chat-tab__topic">{t.topics[c.view.topic]}</span>
                {c.unread > 0 ? <span className="count">{t.chat.unread(c.unread)}</span> : null}
                <WaitTimer since={waitingSince({ ...c, startedAt: c.view.startedAt })} variant="tab" />
              </button>
            ))}
            {ended.length > 1 ? (
              <button type="button" className="button button--ghost button--small chat-tabs__close" onClick={closeEnded}>
                {t.signals.tabs.closeEnded(ended.length - (ended.includes(selected!) && ended.length < chats.length ? 1 : 0))}
              </button>
            ) : null}
            {activeCount > 1 && wide ? (
              <label className="switch chat-tabs__layout">
                <input type="checkbox" checked={sideBySide} onChange={(e) => setSideBySide(e.target.checked)} />
                <span>{t.console.sideBySide}</span>
              </label>
            ) : null}
          </nav>
          <DirectoryLinks contacts={contacts}>
            <div className={split ? 'panes panes--split' : 'panes'}>
              {connection && signals
                ? chats.map((c) => (
                    <StaffChatPane
                      key={c.view.id}
                      chat={c}
                      connection={connection}
                      signals={signals}
                      token={props.session.token}
                      selfName={props.session.user.displayName}
                      visible={shown.includes(c)}
                      selected={c === selected}
                      onSelect={() => setSelectedId(c.view.id)}
                      onClose={() => connection.forget(c.view.id)}
                    />
                  ))
                : null}
            </div>
          </DirectoryLinks>
        </main>
      )}
    </div>
  );
}
