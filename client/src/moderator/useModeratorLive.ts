// The moderator's socket: live alerts (help, risk, flags), observed chats with their messages and whispers, supervision actions.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlertedChatEnded, ChatMessage, FlagQueueItem, HelpRequestView, RiskAlert, SenderRole, Transcript, Whisper } from '@beside/shared';
import { isAuthRefusal, openSocket, request, type BesideSocket } from '../ui/socket';
import { modApi } from './modApi';

export type LiveStatus = 'connecting' | 'online' | 'reconnecting' | 'closed';

export type LiveAlert =
  | { key: string; kind: 'help'; at: string; help: HelpRequestView; ended?: AlertedChatEnded }
  | { key: string; kind: 'risk'; at: string; risk: RiskAlert; ended?: AlertedChatEnded }
  | { key: string; kind: 'flag'; at: string; flag: FlagQueueItem };

/** The conversation a help or risk alert is about (flags are reviewed, not observed). */
export const alertedConversation = (alert: LiveAlert): string | undefined =>
  alert.kind === 'help' ? alert.help.conversationId : alert.kind === 'risk' ? alert.risk.conversationId : undefined;

export interface ObservedChat {
  transcript: Transcript;
  messages: ChatMessage[];
  whispers: Whisper[];
  takenOver: boolean;
  ended: boolean;
  typing?: SenderRole;
}

export interface ModeratorLive {
  status: LiveStatus;
  alerts: LiveAlert[];
  openFlags: number;
  /** Bumped whenever the review queue changed (a flag raised or decided). */
  flagsVersion: number;
  observed: ObservedChat[];
  dismissAlert: (key: string) => void;
  observe: (conversationId: string) => Promise<string | undefined>;
  leave: (conversationId: string) => Promise<string | undefined>;
  whisper: (conversationId: string, body: string) => Promise<string | undefined>;
  takeover: (conversationId: string) => Promise<string | undefined>;
  send: (conversationId: string, body: string) => Promise<string | undefined>;
  end: (conversationId: string) => Promise<string | undefined>;
}

const byId = <T extends { id: string }>(list: T[], item: T): T[] => (list.some((x) => x.id === item.id) ? list : [...list, item]);
const sortBySeq = (list: ChatMessage[]) => [...list].sort((a, b) => a.seq - b.seq);

function fromTranscript(transcript: Transcript, selfName: string): ObservedChat {
  return {
    transcript,
    messages: sortBySeq(transcript.messages),
    whispers: transcript.whispers,
    takenOver: transcript.conversation.takenOverByName === selfName,
    ended: transcript.conversation.status === 'ended',
  };
}

export function useModeratorLive(token: string, selfName: string, onSessionEnded: () => void): ModeratorLive {
  const latest = useRef({ token, onSessionEnded });
  latest.current = { token, onSessionEnded };
  const socketRef = useRef<BesideSocket | undefined>(undefined);
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [alerts, setAlerts] = useState<LiveAlert[]>([]);
  const [openFlags, setOpenFlags] = useState(0);
  const [flagsVersion, setFlagsVersion] = useState(0);
  const [observed, setObserved] = useState<ObservedChat[]>([]);
  /** Chats this moderator ended from this page (the server stopped their observation with it). */
  const endedHere = useRef(new Set<string>());

  const upsertAlert = useCallback((alert: LiveAlert) => {
    // Newest first; a long night's backlog is capped so the column stays usable.
    setAlerts((list) => [alert, ...list.filter((a) => a.key !== alert.key)].slice(0, 50));
  }, []);

  const patchChat = useCallback((conversationId: string, patch: (chat: ObservedChat) => ObservedChat) => {
    setObserved((list) => list.map((c) => (c.transcript.conversation.id === conversationId ? patch(c) : c)));
  }, []);

  const observe = useCallback(
    async (conversationId: string) => {
      const socket = socketRef.current;
      if (!socket) return 'offline';
      const ack = await request(socket, 'supervision:observe', { conversationId });
      if (!ack.ok) return ack.error.message;
      const chat = fromTranscript(ack.data, selfName);
      setObserved((list) => [...list.filter((c) => c.transcript.conversation.id !== conversationId), chat]);
      return undefined;
    },
    [selfName],
  );

  useEffect(() => {
    const socket = openSocket(() => latest.current.token);
    socketRef.current = socket;
    const helpAlert = (help: HelpRequestView) => upsertAlert({ key: `help:${help.id}`, kind: 'help', at: help.createdAt, help });
    const riskAlert = (risk: RiskAlert) => {
      upsertAlert({ key: `risk:${risk.conversationId}`, kind: 'risk', at: risk.at, risk });
      patchChat(risk.conversationId, (c) => ({ ...c, transcript: { ...c.transcript, conversation: { ...c.transcript.conversation, risk: 'high' } } }));
    };

    socket.on('connect', () => {
      setStatus('online');
      // What happened while we were away: open help requests, live high-risk chats, the chats we observe.
      modApi.live(latest.current.token).then(
        (overview) => {
          overview.helpRequests.forEach(helpAlert);
          overview.highRisk.forEach(riskAlert);
          setOpenFlags(overview.openFlags);
          overview.observing.forEach((id) => void observe(id));
        },
        () => undefined,
      );
    });
    socket.on('disconnect', () => setStatus('reconnecting'));
    socket.on('connect_error', (error) => {
      if (isAuthRefusal(error)) {
        setStatus('closed');
        latest.current.onSessionEnded();
      } else setStatus('reconnecting');
    });
    socket.on('session:closing', (info) => info.reason === 'revoked' && latest.current.onSessionEnded());
    socket.on('help:requested', helpAlert);
    socket.on('help:answered', helpAlert);
    socket.on('risk:alert', riskAlert);
    socket.on('alert:ended', (ended) =>
      setAlerts((list) => list.map((a) => (a.kind !== 'flag' && alertedConversation(a) === ended.conversationId ? { ...a, ended } : a))),
    );
    socket.on('flag:new', (flag) => {
      upsertAlert({ key: `flag:${flag.id}`, kind: 'flag', at: flag.createdAt, flag });
      setOpenFlags((n) => n + 1);
      setFlagsVersion((v) => v + 1);
    });
    socket.on('flag:closed', (closed) => {
      setAlerts((list) => list.filter((a) => a.key !== `flag:${closed.flagId}`));
      setOpenFlags((n) => Math.max(0, n - 1));
      setFlagsVersion((v) => v + 1);
    });
    socket.on('message:new', (message) =>
      patchChat(message.conversationId, (c) => ({ ...c, messages: sortBySeq(byId(c.messages, message)), typing: undefined })),
    );
    socket.on('typing', (signal) => patchChat(signal.conversationId, (c) => ({ ...c, typing: signal.typing ? signal.sender : undefined })));
    socket.on('supervision:whisper', (whisper) => patchChat(whisper.conversationId, (c) => ({ ...c, whispers: byId(c.whispers, whisper) })));
    socket.on('conversation:ended', (ended) => patchChat(ended.conversationId, (c) => ({ ...c, ended: true, typing: undefined })));
    return () => {
      socket.close();
      socketRef.current = undefined;
    };
  }, [observe, patchChat, upsertAlert]);

  const simple = useCallback(
    async (event: 'supervision:leave' | 'supervision:takeover' | 'supervision:end', conversationId: string) => {
      const drop = () => setObserved((list) => list.filter((c) => c.transcript.conversation.id !== conversationId));
      // Ending a chat also ends this moderator's observation on the server (which would refuse a leave): closing
      // its pane afterwards only has to happen here.
      if (event === 'supervision:leave' && endedHere.current.delete(conversationId)) {
        drop();
        return undefined;
      }
      const socket = socketRef.current;
      if (!socket) return 'offline';
      const ack = await request(socket, event, { conversationId });
      if (!ack.ok) return ack.error.message;
      if (event === 'supervision:leave') drop();
      if (event === 'supervision:takeover') patchChat(conversationId, (c) => ({ ...c, takenOver: true }));
      if (event === 'supervision:end') {
        endedHere.current.add(conversationId);
        patchChat(conversationId, (c) => ({ ...c, ended: true }));
      }
      return undefined;
    },
    [patchChat],
  );

  const whisper = useCallback(
    async (conversationId: string, body: string) => {
      const socket = socketRef.current;
      if (!socket) return 'offline';
      const ack = await request(socket, 'supervision:whisper', { conversationId, clientId: crypto.randomUUID(), body });
      if (!ack.ok) return ack.error.message;
      patchChat(conversationId, (c) => ({ ...c, whispers: byId(c.whispers, ack.data) }));
      return undefined;
    },
    [patchChat],
  );

  const send = useCallback(
    async (conversationId: string, body: string) => {
      const socket = socketRef.current;
      if (!socket) return 'offline';
      const ack = await request(socket, 'supervision:send', { conversationId, clientId: crypto.randomUUID(), body });
      if (!ack.ok) return ack.error.message;
      patchChat(conversationId, (c) => ({ ...c, messages: sortBySeq(byId(c.messages, ack.data)) }));
      return undefined;
    },
    [patchChat],
  );

  return {
    status,
    alerts,
    openFlags,
    flagsVersion,
    observed,
    dismissAlert: (key) => setAlerts((list) => list.filter((a) => a.key !== key)),
    observe,
    leave: (id) => simple('supervision:leave', id),
    whisper,
    takeover: (id) => simple('supervision:takeover', id),
    send,
    end: (id) => simple('supervision:end', id),
  };
}
