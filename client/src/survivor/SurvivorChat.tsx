// The survivor's chat: who they talk with, the log, the composer, ending it and the ended state.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ChatMessage } from '@beside/shared';
import { useT, type Messages } from '../i18n';
import { systemLineText } from '../i18n/codes';
import type { ChatState } from '../ui/chatConnection';
import { RefusedError, type ParticipantConnection } from '../ui/participantConnection';
import { Composer } from '../ui/Composer';
import { DirectoryLinks, useDirectoryContacts } from '../ui/directoryLinks';
import { EarlierParts } from '../ui/EarlierParts';
import { MessageList } from '../ui/MessageList';
import { useSurvivorThreadT } from '../i18n/thread';
import { useTypingSignal } from '../ui/useChat';
import { Resources } from './Help';
import { ReportVolunteer } from './ReportVolunteer';
import { Survey } from './Survey';

export function SurvivorChat(props: {
  chat: ChatState;
  connection: ParticipantConnection;
  token: string | undefined;
  onStartOver: () => void;
  /** The opt-in signal for when someone writes. */
  signal?: ReactNode;
}) {
  const t = useT();
  const { chat, connection } = props;
  const id = chat.view.id;
  const name = chat.view.volunteerName;
  // After a supervisor takes the chat over, the survivor is talking with them: the heading says so.
  const talkingWith =
    [...chat.messages]
      .reverse()
      .map((m) => (m.sender === 'moderator' ? m.senderName : m.system?.code === 'supervisor_took_over' ? m.system.params?.name : m.system?.code === 'supervisor_handed_back' ? name : undefined))
      .find(Boolean) ?? name;
  const [confirming, setConfirming] = useState(false);
  const [endError, setEndError] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [deleteRefusal, setDeleteRefusal] = useState<string>();
  const [noticeSeen, setNoticeSeen] = useState<string>();
  const refusal = useRef<HTMLParagraphElement>(null);
  // The explanation replaces the delete button; bring it into view (the log would otherwise stay at its end).
  useEffect(() => {
    if (deleteRefusal) refusal.current?.scrollIntoView({ block: 'center' });
  }, [deleteRefusal]);
  const signalTyping = useTypingSignal((typing) => connection.sendTyping(id, typing));

  const heading = useRef<HTMLHeadingElement>(null);
  // The help directory's numbers and sites are tappable wherever a message mentions them.
  const contacts = useDirectoryContacts([chat.view.language]);

  useEffect(() => connection.showing([id]), [connection, id]);
  // Say who joined: focus moves to the header when a chat begins (the quick exit stays first in tab order).
  useEffect(() => heading.current?.focus(), [id]);

  async function end() {
    setConfirming(false);
    try {
      await connection.end(id);
    } catch {
      setEndError(true);
    }
  }

  async function deleteTranscript() {
    setDeleting(true);
    setDeleteRefusal(undefined);
    try {
      await connection.deleteTranscript(id);
    } catch (e) {
      // Under review: kept, as the privacy page promises, and deleted on its own later. Say so, not "try again".
      const details = e instanceof RefusedError ? e.apiError.details : undefined;
      if (details?.reason === 'under_review') setDeleteRefusal(t.chat.deleteUnderReview(details.retentionHours));
      else setEndError(true);
    } finally {
      setDeleting(false);
    }
  }

  const ended = chat.ended ? endedText(t, chat, name, talkingWith) : undefined;
  // A chat handed on keeps everything said before; the line at the change says who the survivor is with now.
  const threadWords = useSurvivorThreadT();
  const earlier = chat.earlier ?? [];
  const continues = chat.view.previousConversationId !== undefined;

  return (
    <section className="chat" aria-labelledby="chat-heading">
      <header className="chat__header">
        <h1 id="chat-heading" className="chat__title" ref={heading} tabIndex={-1}>
          {ended ? t.chat.headerEnded(talkingWith) : t.chat.header(talkingWith)}
        </h1>
        {!ended && !confirming ? (
          <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(true)}>
            {t.chat.end}
          </button>
        ) : null}
      </header>
      {confirming ? (
        <div className="confirm" role="group" aria-label={t.chat.endConfirm}>
          <span>{t.chat.endConfirm}</span>
          <button type="button" className="button button--danger button--small" onClick={() => void end()}>
            {t.chat.endYes}
          </button>
          <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(false)} autoFocus>
            {t.chat.endNo}
          </button>
        </div>
      ) : null}
      {endError ? <p role="alert" className="error">{t.errors.generic}</p> : null}
      {chat.safetyNotice && !ended && noticeSeen !== `${id}:${chat.safetyNotice}` ? (
        <div className="card card--notice safety-notice" role="note">
          <p>{t.safetyNotices[chat.safetyNotice]}</p>
          <button type="button" className="button button--ghost button--small" onClick={() => setNoticeSeen(`${id}:${chat.safetyNotice}`)}>
            {t.chat.noticeDismiss}
          </button>
        </div>
      ) : null}
      <p className={chat.peerAway && !ended ? 'connection-notice' : 'visually-hidden'} role="status">
        {chat.peerAway && !ended ? t.chat.away(name) : ''}
      </p>
      <DirectoryLinks contacts={contacts}>
        <MessageList
          chat={chat}
          self="visitor"
          onRetry={(clientId) => connection.retry(clientId)}
          typingText={chat.peerTyping ? t.chat.typing(name) : undefined}
          intro={continues ? undefined : t.chat.joined(name)}
          earlier={
            earlier.length > 0 ? (
              <EarlierParts
                parts={earlier}
                nowWith={name}
                self="visitor"
                words={threadWords}
                labels={{
                  self: t.chat.you,
                  system: t.chat.system,
                  systemLine: (m) => systemLineText(t.chat.systemLines, m),
                  resource: t.resources,
                  peer: (m) => m.senderName ?? name,
                }}
              />
            ) : undefined
          }
          labels={{
            log: t.chat.logLabel,
            self: t.chat.you,
            system: t.chat.system,
            systemLine: (m) => systemLineText(t.chat.systemLines, m),
            peer: (m: ChatMessage) => m.senderName ?? name,
            resource: t.resources,
            sending: t.chat.sending,
            waiting: t.chat.waiting,
            sent: t.chat.sent,
            failed: t.chat.failed,
            retry: t.chat.retry,
          }}
          footer={
            ended ? (
              <div className="ended">
                <p className="ended__title" role="status">
                  {ended}
                </p>
                <p>{t.chat.thanks}</p>
                {props.token ? <Survey token={props.token} conversationId={id} /> : null}
                <button type="button" className="button button--primary" onClick={props.onStartOver}>
                  {t.chat.newChat}
                </button>
                {chat.deleted ? (
                  <p>{t.chat.deleted}</p>
                ) : deleteRefusal ? (
                  <p className="card card--notice" role="status" ref={refusal}>
                    {deleteRefusal}
                  </p>
                ) : (
                  <>
                    <button type="button" className="button button--ghost" onClick={() => void deleteTranscript()} disabled={deleting}>
                      {t.chat.deleteTranscript}
                    </button>
                    <p className="hint">{t.chat.deleteHint}</p>
                  </>
                )}
                <ReportVolunteer socket={connection.socket} conversationId={id} name={talkingWith} supervisor={talkingWith !== name} />
                <Resources withEmergency />
              </div>
            ) : null
          }
        />
      </DirectoryLinks>
      {!ended ? (
        <Composer
          labels={{
            label: t.chat.composerLabel,
            placeholder: t.chat.placeholder,
            send: t.chat.send,
            hint: t.chat.sendHint,
            hintTouch: t.chat.sendHintTouch,
            count: t.chat.count,
            tooLong: t.chat.tooLong,
          }}
          onSend={(body) => connection.send(id, body)}
          onTyping={signalTyping}
        />
      ) : null}
      {!ended ? (
        <div className="chat__extras">
          {props.signal}
          <ReportVolunteer socket={connection.socket} conversationId={id} name={talkingWith} supervisor={talkingWith !== name} />
        </div>
      ) : null}
    </section>
  );
}

/** The end line, naming who ended it: the volunteer, or the supervisor the survivor was talking with (`talkingWith`). */
function endedText(t: Messages, chat: ChatState, name: string, talkingWith: string): string {
  const ended = chat.ended!;
  if (ended.reason === 'volunteer_unavailable') return t.chat.volunteerUnavailable(name);
  switch (ended.endedBy) {
    case 'visitor':
      return t.chat.endedByVisitor;
    case 'volunteer':
      return t.chat.endedByVolunteer(name);
    case 'moderator':
      return talkingWith !== name ? t.chat.endedBySupervisor(talkingWith) : t.chat.endedByModerator;
    case 'system':
      return t.chat.endedBySystem;
  }
}
