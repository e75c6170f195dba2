// React bindings for a ChatConnection, and a typing signal that is sent sparingly.
import { useCallback, useEffect, useRef, useSyncExternalStore } from 'react';
import type { ConversationView } from '@beside/shared';
import type { ChatConnection, ChatSnapshot, ChatView } from './chatConnection';

const idle: ChatSnapshot<never> = { status: 'closed', chats: [] };
const noSubscription = () => () => {};
const idleSnapshot = () => idle;

export function useChatSnapshot<View extends ChatView = ConversationView>(connection: ChatConnection<View> | undefined): ChatSnapshot<View> {
  return useSyncExternalStore<ChatSnapshot<View>>(connection?.subscribe ?? noSubscription, connection?.getSnapshot ?? idleSnapshot);
}

const TYPING_IDLE_MS = 3_000;
const TYPING_REPEAT_MS = 4_000;

/** Returns a function to call on every keystroke: says "typing" at most every few seconds, and "stopped" after a pause. */
export function useTypingSignal(send: (typing: boolean) => void): (active: boolean) => void {
  const lastSent = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const sendRef = useRef(send);
  sendRef.current = send;

  useEffect(
    () => () => {
      clearTimeout(timer.current);
    },
    [],
  );

  return useCallback((active: boolean) => {
    clearTimeout(timer.current);
    if (!active) {
      if (lastSent.current !== 0) sendRef.current(false);
      lastSent.current = 0;
      return;
    }
    const now = Date.now();
    if (now - lastSent.current > TYPING_REPEAT_MS) {
      sendRef.current(true);
      lastSent.current = now;
    }
    timer.current = setTimeout(() => {
      sendRef.current(false);
      lastSent.current = 0;
    }, TYPING_IDLE_MS);
  }, []);
}
