// The survivor's opt-in signal that someone answered, giving nothing away: "Notes (1)" in the tab's title, and a soft sound only if chosen.
import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n';
import { playTone, unlockSound } from '../ui/attention';
import type { ChatSnapshot } from '../ui/chatConnection';
import { usePageVisible } from '../ui/useAttention';
import { loadVisitor, saveVisitor, type SignalChoice } from './visitorStorage';

const OFF: SignalChoice = { title: false, sound: false };

export function useSignalChoice(): [SignalChoice, (next: SignalChoice) => void] {
  const [choice, setChoice] = useState<SignalChoice>(() => loadVisitor().signal ?? OFF);
  return [
    choice,
    (next) => {
      saveVisitor({ signal: next });
      setChoice(next);
    },
  ];
}

/**
 * How many things happened while the page was out of sight (a volunteer joined, a message arrived): 0 while it is
 * in view, or when the survivor did not ask for a signal. Plays the soft sound for each, if they chose it.
 */
export function usePendingSignal(snapshot: ChatSnapshot, choice: SignalChoice): number {
  const visible = usePageVisible();
  const [pending, setPending] = useState(0);
  const known = useRef<Map<string, number> | undefined>(undefined);
  const soundOn = useRef(choice.sound);
  soundOn.current = choice.sound;

  useEffect(() => {
    const prev = known.current;
    const next = new Map<string, number>();
    let news = 0;
    for (const chat of snapshot.chats) {
      const fromStaff = chat.messages.filter((m) => m.sender === 'volunteer' || m.sender === 'moderator').length;
      next.set(chat.view.id, fromStaff);
      if (!prev) continue;
      const before = prev.get(chat.view.id);
      if (before === undefined && !chat.ended) news += 1; // matched with a volunteer
      news += Math.max(0, fromStaff - (before ?? 0));
    }
    known.current = next;
    if (news > 0 && document.visibilityState !== 'visible') {
      setPending((n) => n + news);
      if (soundOn.current) playTone('soft');
    }
  }, [snapshot.chats]);

  useEffect(() => {
    if (visible) setPending(0);
  }, [visible]);

  return choice.title ? pending : 0;
}

/** The opt-in itself: folded to one line, off until the survivor turns it on. */
export function SignalOptions(props: { choice: SignalChoice; onChange: (next: SignalChoice) => void }) {
  const t = useT().signal;
  const id = useId();
  const { choice } = props;
  const on = choice.title || choice.sound;
  return (
    <details className="signal-options">
      <summary>{on ? t.summaryOn : t.summary}</summary>
      <div className="signal-options__body" role="group" aria-labelledby={`${id}-h`}>
        <p id={`${id}-h`} className="hint">
          {t.intro}
        </p>
        <label className="signal-options__choice">
          <input type="checkbox" checked={choice.title} onChange={(e) => props.onChange({ ...choice, title: e.target.checked })} />
          <span>{t.title}</span>
        </label>
        <label className="signal-options__choice">
          <input
            type="checkbox"
            checked={choice.sound}
            onChange={(e) => {
              // The click is what lets the page make a sound later, in the background.
              if (e.target.checked) {
                unlockSound();
                playTone('soft');
              }
              props.onChange({ ...choice, sound: e.target.checked });
            }}
          />
          <span>{t.sound}</span>
        </label>
      </div>
    </details>
  );
}
