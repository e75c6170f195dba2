// The volunteer console: shift controls, the queue summary, notices, a tab per chat with unread counts, and the chat panes.
import { useCallback, useEffect, useState } from 'react';
import { useStaffT } from '../i18n/staff';
import { useMediaQuery } from '../ui/useMediaQuery';
import { useChatSnapshot } from '../ui/useChat';
import { ConsoleNotices } from './ConsoleNotices';
import { PendingWrapUps } from './PendingWrapUps';
import { QueueSummaryBar } from './QueueSummaryBar';
import { ShiftControls } from './ShiftControls';
import { StaffChatPane } from './StaffChatPane';
import type { StaffSession } from '../ui/staffSession';
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
  const [selectedId, setSelectedId] = useState<string>();
  const [sideBySide, setSideBySide] = useState(true);
  const wide = useMediaQuery(WIDE_QUERY);
  const chats = snapshot.chats;
  const selected = chats.find((c) => c.view.id === selectedId) ?? chats[0];
  const activeCount = chats.filter((c) => !c.ended).length;
  const split = sideBySide && chats.length > 1 && wide;
  const visibleIds = (split ? chats.map((c) => c.view.id) : selected ? [selected.view.id] : []).join(' ');

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

  return (
    <div className="console">
      <header className="console__bar">
        <p className="brand">{t.product}</p>
        <ShiftControls
          state={volunteer}
          disabled={snapshot.status !== 'online'}
          error={shiftError}
          onChange={(change) => void setShift(change)}
        />
        <div className="console__account">
          <span className={`status status--${snapshot.status}`} role="status">
            {t.console.status[snapshot.status]}
          </span>
          <span className="console__user" title={t.console.signedInAs(props.session.user.displayName)}>
            {props.session.user.displayName}
          </span>
          <button type="button" className="button button--ghost button--small" onClick={logout}>
            {t.console.logout}
          </button>
        </div>
      </header>
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
                className={c.ended ? 'chat-tab chat-tab--ended' : 'chat-tab'}
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
              </button>
            ))}
            {chats.length > 1 && wide ? (
              <label className="switch chat-tabs__layout">
                <input type="checkbox" checked={sideBySide} onChange={(e) => setSideBySide(e.target.checked)} />
                <span>{t.console.sideBySide}</span>
              </label>
            ) : null}
          </nav>
          <div className={split ? 'panes panes--split' : 'panes'}>
            {connection && signals
              ? chats.map((c) => (
                  <StaffChatPane
                    key={c.view.id}
                    chat={c}
                    connection={connection}
                    signals={signals}
                    token={props.session.token}
                    visible={c === selected || split}
                    selected={c === selected}
                    onSelect={() => setSelectedId(c.view.id)}
                    onClose={() => connection.forget(c.view.id)}
                  />
                ))
              : null}
          </div>
        </main>
      )}
    </div>
  );
}
