// One observed chat: the live transcript (this moderator's own lines pending until acknowledged), whispers, take over, write, end, leave.
import { useState } from 'react';
import { useModT } from '../i18n/moderator';
import { useStaffT } from '../i18n/staff';
import { Composer } from '../ui/Composer';
import { waitingSince } from '../ui/waiting';
import { WaitTimer } from '../ui/WaitTimer';
import { HandBackForm } from './HandBackForm';
import { TranscriptLog } from './TranscriptLog';
import { WhisperPanel } from './WhisperPanel';
import type { ModeratorLive, ObservedChat } from './useModeratorLive';

type Confirming = 'takeover' | 'end' | 'handback' | undefined;

export function ObservedChatPane(props: { chat: ObservedChat; live: ModeratorLive }) {
  const t = useModT();
  const ts = useStaffT();
  const { chat, live } = props;
  const conv = chat.view.conversation;
  const ended = chat.ended !== undefined;
  const { takenOver } = chat.view;
  const [confirming, setConfirming] = useState<Confirming>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function run(action: () => Promise<string | undefined>) {
    setBusy(true);
    setError(await action());
    setBusy(false);
    setConfirming(undefined);
  }

  const typing = chat.peerTyping ? chat.typingSender : undefined;
  const typingWho = typing === 'visitor' ? t.transcript.survivor : typing === 'volunteer' ? t.transcript.volunteer(conv.volunteerName) : undefined;

  return (
    <section className="card mod-observe" aria-labelledby={`obs-${conv.id}`}>
      <header className="pane__header">
        <h2 id={`obs-${conv.id}`} className="pane__title">
          {t.supervision.observing(ts.topics[conv.topic], conv.volunteerName)}
        </h2>
        <p className="pane__meta">
          {ts.languages[conv.language]}
          {conv.risk === 'high' ? <span className="badge badge--urgent">{t.supervision.highRisk}</span> : null}
        </p>
        <WaitTimer since={waitingSince({ ...chat, startedAt: conv.startedAt })} variant="header" />
      </header>
      <p className={takenOver ? 'card card--notice' : 'hint'}>
        {ended ? t.supervision.ended : takenOver ? t.supervision.takenOver : t.supervision.readOnly}
      </p>
      <div className="mod-observe__grid">
        <div className="mod-observe__chat">
          <TranscriptLog
            messages={chat.messages}
            pending={{ items: chat.outgoing, who: t.transcript.moderator(live.selfName), onRetry: live.retry }}
            live
            label={ts.chat.logLabel(ts.topics[conv.topic])}
            footer={typingWho ? t.supervision.typing(typingWho) : undefined}
          />
          {takenOver && !ended ? (
            <Composer
              labels={{ label: t.supervision.sendLabel, placeholder: t.supervision.sendPlaceholder, send: t.supervision.send, hint: t.supervision.sendHint, hintTouch: t.supervision.sendHintTouch, count: t.supervision.count, tooLong: t.supervision.tooLong }}
              onSend={(body) => live.send(conv.id, body)}
              onTyping={() => undefined}
            />
          ) : null}
        </div>
        <WhisperPanel
          chat={chat}
          selfName={live.selfName}
          onWhisper={(body) => live.whisper(conv.id, body)}
          onRetry={live.retryWhisper}
        />
      </div>
      {error ? (
        <p className="card card--error" role="alert">
          {error}
        </p>
      ) : null}
      {confirming === 'handback' ? (
        <HandBackForm
          conversationId={conv.id}
          volunteerName={conv.volunteerName}
          live={live}
          busy={busy}
          onHandBack={(note, to) => void run(() => live.handBack(conv.id, note, to))}
          onCancel={() => setConfirming(undefined)}
        />
      ) : confirming ? (
        <div className="confirm" role="group" aria-label={confirming === 'takeover' ? t.supervision.takeover : t.supervision.end}>
          <p>{confirming === 'takeover' ? t.supervision.takeoverConfirm : t.supervision.endConfirm}</p>
          <div className="mod-actions">
            <button
              type="button"
              className={confirming === 'end' ? 'button button--danger' : 'button button--primary'}
              disabled={busy}
              autoFocus
              onClick={() => void run(() => (confirming === 'takeover' ? live.takeover(conv.id) : live.end(conv.id)))}
            >
              {t.supervision.confirmYes}
            </button>
            <button type="button" className="button button--ghost" onClick={() => setConfirming(undefined)}>
              {t.supervision.confirmNo}
            </button>
          </div>
        </div>
      ) : (
        <div className="mod-actions">
          {!ended && !takenOver ? (
            <button type="button" className="button" onClick={() => setConfirming('takeover')}>
              {t.supervision.takeover}
            </button>
          ) : null}
          {!ended && takenOver ? (
            <button type="button" className="button" onClick={() => setConfirming('handback')}>
              {t.supervision.handBack(conv.volunteerName)}
            </button>
          ) : null}
          {!ended ? (
            <button type="button" className="button button--danger" onClick={() => setConfirming('end')}>
              {t.supervision.end}
            </button>
          ) : null}
          {!takenOver || ended ? (
            <button type="button" className="button button--ghost" disabled={busy} onClick={() => void run(() => live.leave(conv.id))}>
              {t.supervision.leave}
            </button>
          ) : null}
        </div>
      )}
    </section>
  );
}
