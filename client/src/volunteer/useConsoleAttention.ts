// What makes the volunteer console call for attention: a new chat, a visitor's message out of sight, a risk banner.
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { useStaffT } from '../i18n/staff';
import { notify } from '../ui/attention';
import type { ChatSnapshot } from '../ui/chatConnection';
import { usePageVisible, useTitleCount, type StaffAttention } from '../ui/useAttention';
import type { ConsoleSignals } from './consoleSignals';

const idleSignals = { subscribe: () => () => {}, getSnapshot: () => undefined };

/**
 * Counts what waits for the volunteer (visitors' messages not yet seen, plus chats opened while not on screen) in
 * the title and favicon; plays the chosen sounds and sends a desktop notification (no message text) for each.
 * Returns the ids of chats that opened and have not been seen yet.
 */
export function useConsoleAttention(
  snapshot: ChatSnapshot,
  signals: ConsoleSignals | undefined,
  visibleIds: readonly string[],
  attention: StaffAttention,
): ReadonlySet<string> {
  const t = useStaffT();
  const visible = usePageVisible();
  const signalState = useSyncExternalStore(signals?.subscribe ?? idleSignals.subscribe, signals?.getSnapshot ?? idleSignals.getSnapshot);
  const known = useRef(new Map<string, number>());
  const risks = useRef(new Set<string>());
  const [unseen, setUnseen] = useState<ReadonlySet<string>>(new Set());
  const { tone } = attention;

  // New chats and new unread messages, compared with what was known before.
  useEffect(() => {
    const onScreen = new Set(visible ? visibleIds : []);
    const opened: string[] = [];
    for (const chat of snapshot.chats) {
      const id = chat.view.id;
      const topic = t.topics[chat.view.topic];
      const before = known.current.get(id);
      if (before === undefined) {
        known.current.set(id, chat.unread);
        // A chat held before this page loaded (a reload) is not news; one that starts now is.
        if (!chat.ended && Date.now() - Date.parse(chat.view.startedAt) < 60_000) {
          opened.push(id);
          tone('chime');
          notify(t.signals.notify.newChat, t.signals.notify.newChatBody(topic), `chat:${id}`);
        }
        continue;
      }
      if (chat.unread > before) {
        tone('soft');
        notify(t.signals.notify.newMessage, t.signals.notify.newMessageBody(topic), `message:${id}`);
      }
      known.current.set(id, chat.unread);
    }
    for (const id of known.current.keys()) if (!snapshot.chats.some((c) => c.view.id === id)) known.current.delete(id);
    setUnseen((prev) => {
      const next = new Set([...prev, ...opened].filter((id) => !onScreen.has(id) && snapshot.chats.some((c) => c.view.id === id && !c.ended)));
      return next.size === prev.size && [...next].every((id) => prev.has(id)) ? prev : next;
    });
  }, [snapshot.chats, visibleIds, visible, t, tone]);

  // A risk banner is the loudest thing the console says.
  useEffect(() => {
    if (!signalState) return;
    for (const [id, extras] of Object.entries(signalState.chats)) {
      if (!extras.risk || risks.current.has(id)) continue;
      risks.current.add(id);
      const chat = snapshot.chats.find((c) => c.view.id === id);
      tone('urgent');
      notify(t.signals.notify.risk, t.signals.notify.riskBody(chat ? t.topics[chat.view.topic] : ''), `risk:${id}`);
    }
  }, [signalState, snapshot.chats, t, tone]);

  const unread = snapshot.chats.reduce((sum, c) => sum + c.unread, 0);
  useTitleCount(t.pageTitle, unread + unseen.size);
  return unseen;
}
