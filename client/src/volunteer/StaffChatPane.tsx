// One chat in the console: header, risk and hand-off notices, the log, supervision, tools, composer, and the wrap-up.
import { useEffect, useState, useSyncExternalStore } from 'react';
import { refusalText, systemLineText } from '../i18n/codes';
import { useStaffT } from '../i18n/staff';
import type { ChatState } from '../ui/chatConnection';
import type { ImminentEndReason } from '@beside/shared';
import { RefusedError, type ParticipantConnection } from '../ui/participantConnection';
import { Composer, type ComposerInsertion } from '../ui/Composer';
import { EarlierParts } from '../ui/EarlierParts';
import { MessageList } from '../ui/MessageList';
import { useStaffThreadT } from '../i18n/thread';
import { useTypingSignal } from '../ui/useChat';
import { waitingSince } from '../ui/waiting';
import { WaitTimer } from '../ui/WaitTimer';
import { HandoffNote, RiskBanner } from './ChatNotices';
import { ChatToolPanel, ChatTools, type ToolPanel } from './ChatTools';
import { GreetingPrompt } from './GreetingPrompt';
import type { ConsoleSignals } from './consoleSignals';
import { SupervisionPanel } from './SupervisionPanel';
import { WrapUpForm } from './WrapUpForm';
import './console.css';
import './layout.css';

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

export function StaffChatPane(props: {
  chat: ChatState;
  connection: ParticipantConnection;
  signals: ConsoleSignals;
  token: string;
  /** The volunteer's own name, for the greeting they may insert. */
  selfName: string;
  visible: boolean;
  selected: boolean;
  onSelect: () => void;
  onClose: () => void;
}) {
  const t = useStaffT();
  const { chat, connection, signals } = props;
  const { view } = chat;
  useSyncExternalStore(signals.subscribe, signals.getSnapshot);
  const extras = signals.chat(view.id);
  const [confirming, setConfirming] = useState(false);
  const [askImminent, setAskImminent] = useState(false);
  const [error, setError] = useState<string>();
  const [panel, setPanel] = useState<ToolPanel>();
  const [insertion, setInsertion] = useState<ComposerInsertion>();
  const signalTyping = useTypingSignal((typing) => connection.sendTyping(view.id, typing));
  const threadWords = useStaffThreadT();
  // A reloaded console asks again for the hand-off of a chat that came from someone else (no event repeats it).
  const continues = view.previousConversationId !== undefined && view.status === 'active';
  const hasHandoff = extras.handoff !== undefined;
  useEffect(() => {
    if (continues && !hasHandoff) void signals.loadHandoff(view.id);
  }, [continues, hasHandoff, signals, view.id]);
  const topic = t.topics[view.topic];
  const readOnly = extras.supervisor?.tookOver === true && extras.supervisor.present;
  const helpAsked = extras.help !== undefined || extras.supervisor?.present === true;
  const since = waitingSince({ ...chat, startedAt: view.startedAt });
  const greeted = chat.messages.some((m) => m.sender === 'volunteer' || m.sender === 'moderator') || chat.outgoing.length > 0;
  // A column beside the log only when there is something to put in it (a tool, supervision, a hand-off).
  const hasSide =
    !!extras.handoff || (!chat.ended && (panel !== undefined || !!extras.help || !!extras.supervisor || extras.whispers.length > 0));
  const toolProps = {
    socket: connection.socket,
    token: props.token,
    conversationId: view.id,
    language: view.language,
    open: panel,
    onOpen: setPanel,
    onInsert: insert,
  };

  async function end(imminentReason?: ImminentEndReason) {
    setConfirming(false);
    setAskImminent(false);
    try {
      await connection.end(view.id, imminentReason);
    } catch (e) {
      // Imminent risk no supervisor acknowledged: the pane asks why it can end instead of showing an error.
      if (e instanceof RefusedError && e.apiError.details?.reason === 'imminent_unacknowledged') setAskImminent(true);
      else setError(e instanceof Error ? e.message : t.errors.generic);
    }
  }

  async function askForHelp() {
    setError(undefined);
    try {
      await signals.askForHelp(view.id);
    } catch (e) {
      setError(e instanceof Error ? e.message : t.errors.generic);
    }
  }

  function insert(text: string) {
    setPanel(undefined);
    setInsertion((prev) => ({ text, seq: (prev?.seq ?? 0) + 1 }));
  }

  return (
    <section
      className={props.selected ? 'pane pane--selected' : 'pane'}
      hidden={!props.visible}
      aria-label={t.chat.logLabel(topic)}
      onFocusCapture={props.onSelect}
    >
      <div className={hasSide ? 'pane__layout pane__layout--side' : 'pane__layout'}>
        <header className="pane__header">
          <div className="pane__info">
            <h2 className="pane__title">
              {view.urgent ? <span className="badge badge--urgent">{t.chat.urgent}</span> : null} {capitalize(topic)}
            </h2>
            <p className="pane__meta">
              {t.wants[view.want]} · {t.languages[view.language]} · {t.chat.started(timeFormat.format(new Date(view.startedAt)))}
            </p>
          </div>
          {!readOnly ? <WaitTimer since={since} greeting={!greeted} variant="header" /> : null}
          {chat.ended ? (
            <button type="button" className="button button--ghost button--small" onClick={props.onClose}>
              {t.chat.close}
            </button>
          ) : confirming ? (
            <span className="confirm">
              <span>{t.chat.endConfirm}</span>
              <button type="button" className="button button--danger button--small" onClick={() => void end()}>
                {t.chat.endYes}
              </button>
              <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(false)} autoFocus>
                {t.chat.endNo}
              </button>
            </span>
          ) : (
            <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(true)}>
              {t.chat.end}
            </button>
          )}
        </header>
        {error ? (
          <p className="error" role="alert">
            {error}
          </p>
        ) : null}
        {askImminent && !chat.ended ? (
          <div className="card card--urgent" role="alertdialog" aria-labelledby={`imminent-${view.id}`}>
            <p id={`imminent-${view.id}`} className="card__title">
              {t.tools.imminentEnd.title}
            </p>
            <p>{t.tools.imminentEnd.text}</p>
            <div className="tool-panel__actions">
              <button type="button" className="button button--danger button--small" onClick={() => void end('survivor_safe')}>
                {t.tools.imminentEnd.survivor_safe}
              </button>
              <button type="button" className="button button--danger button--small" onClick={() => void end('emergency_services')}>
                {t.tools.imminentEnd.emergency_services}
              </button>
              {!helpAsked ? (
                <button type="button" className="button button--primary button--small" onClick={() => void askForHelp()}>
                  {t.tools.toolbar.help}
                </button>
              ) : null}
              <button type="button" className="button button--ghost button--small" onClick={() => setAskImminent(false)} autoFocus>
                {t.tools.imminentEnd.stay}
              </button>
            </div>
          </div>
        ) : null}
        {extras.risk && !chat.ended ? <RiskBanner banner={extras.risk} helpAsked={helpAsked} onAskHelp={() => void askForHelp()} /> : null}
        <MessageList
          chat={chat}
          self="volunteer"
          onRetry={(clientId) => connection.retry(clientId)}
          typingText={chat.peerTyping ? t.chat.typing : undefined}
          earlier={
            chat.earlier && chat.earlier.length > 0 ? (
              <EarlierParts
                parts={chat.earlier}
                nowWith={props.selfName}
                self="volunteer"
                words={threadWords}
                labels={{
                  self: t.chat.you,
                  system: t.chat.system,
                  systemLine: (m) => systemLineText(t.chat.systemLines, m),
                  resource: t.chat.resource,
                  peer: (m) => (m.sender === 'visitor' ? t.chat.visitor : (m.senderName ?? m.sender)),
                }}
              />
            ) : undefined
          }
          labels={{
            log: t.chat.logLabel(topic),
            self: t.chat.you,
            system: t.chat.system,
            systemLine: (m) => systemLineText(t.chat.systemLines, m),
            peer: (m) => (m.sender === 'visitor' ? t.chat.visitor : (m.senderName ?? m.sender)),
            resource: t.chat.resource,
            refusal: (details) => refusalText(t.chat.refusals, details),
            sending: t.chat.sending,
            waiting: t.chat.waiting,
            sent: t.chat.sent,
            failed: t.chat.failed,
            retry: t.chat.retry,
          }}
          footer={
            chat.ended ? (
              <div className="ended">
                <p className="ended__title" role="status">
                  {chat.deleted ? t.chat.deleted : t.chat.ended(chat.ended.endedBy, chat.ended.reason)}
                </p>
                {chat.ended.reason !== 'transferred' ? (
                  <WrapUpForm token={props.token} conversationId={view.id} topic={view.topic} transcriptDeleted={chat.deleted} />
                ) : null}
              </div>
            ) : null
          }
        />
        {/* Context and tools: beside the log on a wide pane, between the log and the composer on a narrow one (console.css). */}
        {extras.handoff || !chat.ended ? (
          <div className="pane__side">
            {/* The tool in use first: it is what the volunteer is working with now. */}
            {!chat.ended ? <ChatToolPanel {...toolProps} /> : null}
            {!chat.ended ? <SupervisionPanel extras={extras} ended={false} onWhisper={(body) => signals.whisper(view.id, body)} /> : null}
            {extras.handoff ? <HandoffNote handoff={extras.handoff} /> : null}
          </div>
        ) : null}
        {!chat.ended ? (
          <>
            {!greeted && !readOnly ? (
              <GreetingPrompt onInsert={() => insert(t.signals.greeting.suggestion.replace('{name}', props.selfName))} />
            ) : null}
            <ChatTools {...toolProps} helpAsked={helpAsked} onAskHelp={() => void askForHelp()} readOnly={readOnly} />
            <Composer
              labels={{
                label: t.chat.composerLabel,
                placeholder: readOnly ? t.tools.help.readOnly : t.chat.placeholder,
                send: t.chat.send,
                hint: t.chat.sendHint,
                hintTouch: t.chat.sendHintTouch,
                count: t.chat.count,
                tooLong: t.chat.tooLong,
              }}
              disabled={readOnly}
              insertion={insertion}
              onShortcut={() => setPanel('canned')}
              onSend={(body) => connection.send(view.id, body)}
              onTyping={signalTyping}
            />
          </>
        ) : null}
      </div>
    </section>
  );
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
