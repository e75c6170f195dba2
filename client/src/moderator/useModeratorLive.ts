// The moderator's socket: live alerts (help, risk, flags) beside the observed chats of an ObserverConnection, and the supervision actions.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlertAckReason, AlertView, FlagQueueItem, ObserveReason, RiskAlert, TransferCandidate } from '@beside/shared';
import type { ConnectionStatus } from '../ui/chatConnection';
import { useChatSnapshot } from '../ui/useChat';
import { modApi } from './modApi';
import { ObserverConnection, type ActionError, type ObservedChat } from './observerConnection';

export type { ObservedChat } from './observerConnection';

/**
 * One card per sign-of-danger alert (its kinds listed: intake danger, crisis words, the volunteer's mark, a help
 * request, an urgent survivor waiting), beside the new flags of the review queue.
 */
export type LiveAlert =
  | { key: string; kind: 'danger'; at: string; alert: AlertView }
  | { key: string; kind: 'flag'; at: string; flag: FlagQueueItem };

export interface ModeratorLive {
  status: ConnectionStatus;
  /** How the server names this moderator (their own lines carry it). */
  selfName: string;
  alerts: LiveAlert[];
  openFlags: number;
  /** Bumped whenever the review queue changed (a flag raised or decided). */
  flagsVersion: number;
  observed: ObservedChat[];
  /** Flags only: a sign of danger is acknowledged, with a reason, never dismissed. */
  dismissAlert: (key: string) => void;
  acknowledge: (alertId: string, reason: AlertAckReason) => Promise<ActionError>;
  /** A chat no sign escalated (from the live board) needs the supervisor's reason. */
  observe: (conversationId: string, reason?: ObserveReason) => Promise<ActionError>;
  leave: (conversationId: string) => Promise<ActionError>;
  takeover: (conversationId: string) => Promise<ActionError>;
  end: (conversationId: string) => Promise<ActionError>;
  handBack: (conversationId: string, note: string, toVolunteerId?: string) => Promise<ActionError>;
  handBackCandidates: (conversationId: string) => Promise<TransferCandidate[] | ActionError>;
  /** To the survivor, once taken over: through the outbox, shown as pending until acknowledged. */
  send: (conversationId: string, body: string) => void;
  retry: (clientId: string) => void;
  /** To the volunteer, through the whispers' own outbox. */
  whisper: (conversationId: string, body: string) => void;
  retryWhisper: (clientId: string) => void;
}

const offline = (): Promise<ActionError> => Promise.resolve('offline');

export function useModeratorLive(token: string, selfName: string, onSessionEnded: () => void): ModeratorLive {
  const latest = useRef({ token, onSessionEnded });
  latest.current = { token, onSessionEnded };
  const [connection, setConnection] = useState<ObserverConnection>();
  const snapshot = useChatSnapshot(connection);
  const [alerts, setAlerts] = useState<LiveAlert[]>([]);
  const [openFlags, setOpenFlags] = useState(0);
  const [flagsVersion, setFlagsVersion] = useState(0);

  const upsertAlert = useCallback((alert: LiveAlert) => {
    // Newest first; a long night's backlog is capped so the column stays usable.
    setAlerts((list) => [alert, ...list.filter((a) => a.key !== alert.key)].slice(0, 50));
  }, []);

  useEffect(() => {
    const ended = () => latest.current.onSessionEnded();
    const dangerAlert = (alert: AlertView) => {
      // A card keeps its place in the list when it changes; a new sign on it brings it to the top.
      setAlerts((list) => {
        const card: LiveAlert = { key: `alert:${alert.id}`, kind: 'danger', at: alert.updatedAt, alert };
        const known = list.find((a) => a.key === card.key);
        if (known && known.kind === 'danger' && known.alert.kinds.length === alert.kinds.length) return list.map((a) => (a.key === card.key ? card : a));
        return [card, ...list.filter((a) => a.key !== card.key)].slice(0, 50);
      });
      if (alert.conversationId && (alert.kinds.includes('crisis') || alert.kinds.includes('volunteer_marked') || alert.kinds.includes('intake_danger'))) {
        conn.markHighRisk(alert.conversationId);
      }
    };
    const riskAlert = (risk: RiskAlert) => conn.markHighRisk(risk.conversationId);
    const conn = new ObserverConnection(latest.current.token, selfName, {
      onRefused: ended,
      onRevoked: ended,
      // What happened while we were away: open help requests, live high-risk chats, open flags, the chats we observe.
      observing: async () => {
        const overview = await modApi.live(latest.current.token);
        overview.alerts.forEach(dangerAlert);
        overview.highRisk.forEach(riskAlert);
        setOpenFlags(overview.openFlags);
        return overview.observing;
      },
    });
    const socket = conn.socket;
    socket.on('alert:raised', dangerAlert);
    socket.on('alert:updated', dangerAlert);
    socket.on('risk:alert', riskAlert);
    socket.on('alert:closed', (closed) => setAlerts((list) => list.filter((a) => a.key !== `alert:${closed.id}`)));
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
    setConnection(conn);
    return () => conn.close();
  }, [selfName, upsertAlert]);

  // A refreshed token is handed to the socket for its next reconnection.
  useEffect(() => connection?.setToken(token), [connection, token]);

  return {
    // Until the socket exists, it is about to connect.
    status: connection ? snapshot.status : 'connecting',
    selfName,
    alerts,
    openFlags,
    flagsVersion,
    observed: snapshot.chats,
    dismissAlert: (key) => setAlerts((list) => list.filter((a) => a.key !== key || a.kind !== 'flag')),
    acknowledge: (id, reason) => connection?.acknowledge(id, reason) ?? offline(),
    observe: (id, reason) => connection?.observe(id, reason) ?? offline(),
    leave: (id) => connection?.leave(id) ?? offline(),
    takeover: (id) => connection?.takeover(id) ?? offline(),
    end: (id) => connection?.end(id) ?? offline(),
    handBack: (id, note, to) => connection?.handBack(id, note, to) ?? offline(),
    handBackCandidates: (id) => connection?.handBackCandidates(id) ?? offline(),
    send: (id, body) => connection?.send(id, body),
    retry: (clientId) => connection?.retry(clientId),
    whisper: (id, body) => connection?.whisper(id, body),
    retryWhisper: (clientId) => connection?.retryWhisper(clientId),
  };
}
