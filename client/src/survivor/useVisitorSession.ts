// The survivor's session: anonymous token, socket, queue and chat, restored after a reload or reconnect.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IntakeInput, QueueStatus, SessionState, VisitorSessionResponse } from '@beside/shared';
import { postJson, toApiError } from '../ui/api';
import type { ChatSnapshot } from '../ui/chatConnection';
import { ParticipantConnection } from '../ui/participantConnection';
import { request } from '../ui/socket';
import { useChatSnapshot } from '../ui/useChat';
import { setExitTarget } from './quickExit';
import { forgetToken, loadVisitor, saveVisitor } from './visitorStorage';

export type Stage = 'safety' | 'restoring' | 'intake' | 'queue' | 'left';
export type SessionError = 'generic' | 'unreachable' | 'banned' | 'sessionEnded';

export interface VisitorSession {
  stage: Stage;
  queue: QueueStatus | undefined;
  snapshot: ChatSnapshot;
  connection: ParticipantConnection | undefined;
  /** The anonymous token, for the few REST calls (the survey). */
  token: string | undefined;
  error: SessionError | undefined;
  busy: boolean;
  begin: () => void;
  join: (intake: IntakeInput) => Promise<void>;
  leaveQueue: () => Promise<void>;
  /** queue:preference: keep waiting for the preferred kind of volunteer, or take the next one. */
  setPreference: (keep: boolean) => Promise<void>;
  startOver: () => void;
  /** Back in line with the answers given before, or to the intake if there are none. */
  rejoin: () => void;
}

export function useVisitorSession(): VisitorSession {
  const [token, setToken] = useState(() => loadVisitor().token);
  const [stage, setStage] = useState<Stage>(() => (token ? 'restoring' : 'safety'));
  const [connection, setConnection] = useState<ParticipantConnection>();
  const [queue, setQueue] = useState<QueueStatus>();
  const [error, setError] = useState<SessionError>();
  const [busy, setBusy] = useState(false);
  const snapshot = useChatSnapshot(connection);
  const intake = useRef<IntakeInput | undefined>(undefined);
  const joinPending = useRef(false);
  const stageRef = useRef(stage);
  stageRef.current = stage;

  const sendJoin = useCallback(async (conn: ParticipantConnection, input: IntakeInput) => {
    joinPending.current = false;
    setBusy(true);
    const ack = await request(conn.socket, 'queue:join', input);
    setBusy(false);
    if (ack.ok) {
      setQueue(ack.data);
      setStage('queue');
      return;
    }
    setError(ack.error.code === 'banned' ? 'banned' : ack.error.retryable ? 'unreachable' : 'generic');
    setStage('intake');
  }, []);

  const onSessionState = useCallback(
    (conn: ParticipantConnection, state: SessionState) => {
      if (state.conversations.some((c) => c.status === 'active')) return;
      if (state.queue?.state === 'waiting') {
        // Back in line while away (the volunteer had to go): the old chat is over, the queue is what matters.
        for (const chat of conn.getSnapshot().chats) if (chat.ended) conn.forget(chat.view.id);
        setQueue(state.queue);
        setStage('queue');
      } else if (joinPending.current && intake.current) {
        // A join asked for before the socket was up.
        void sendJoin(conn, intake.current);
      } else if (stageRef.current === 'queue' && intake.current && conn.getSnapshot().chats.length === 0) {
        // Waiting (not chatting) when the connection dropped, and the server no longer holds the place.
        void sendJoin(conn, intake.current);
      } else if (stageRef.current === 'restoring') {
        setStage('intake');
      }
    },
    [sendJoin],
  );

  useEffect(() => {
    if (!token) return;
    const conn: ParticipantConnection = new ParticipantConnection(token, 'visitor', {
      onSessionState: (state) => onSessionState(conn, state),
      onRefused: (code) => {
        forgetToken();
        setExitTarget(undefined);
        setConnection(undefined);
        setToken(undefined);
        setError(code === 'banned' ? 'banned' : 'sessionEnded');
        setStage('intake');
      },
    });
    conn.socket.on('queue:status', setQueue);
    // The volunteer had to go: the survivor is back at the front of the line, not left with an ended chat.
    conn.socket.on('conversation:ended', (ended) => {
      if (ended.continues !== 'queue') return;
      conn.forget(ended.conversationId);
      setStage('queue');
    });
    setExitTarget({ token, close: () => conn.close() });
    setConnection(conn);
    return () => {
      conn.close();
      setExitTarget(undefined);
    };
  }, [token, onSessionState]);

  const join = useCallback(
    async (input: IntakeInput) => {
      intake.current = input;
      setError(undefined);
      if (connection && snapshot.status === 'online') return sendJoin(connection, input);
      joinPending.current = true;
      if (token) return; // the connection will join once it is up
      setBusy(true);
      try {
        const session = await postJson<VisitorSessionResponse>('/api/visitor/session');
        saveVisitor({ token: session.token });
        setToken(session.token);
      } catch (e) {
        joinPending.current = false;
        setBusy(false);
        setError(toApiError(e).code === 'banned' ? 'banned' : 'unreachable');
      }
    },
    [connection, snapshot.status, token, sendJoin],
  );

  const leaveQueue = useCallback(async () => {
    if (!connection) return;
    setBusy(true);
    const ack = await request(connection.socket, 'queue:leave', {});
    setBusy(false);
    if (ack.ok) {
      setQueue(ack.data);
      setStage('left');
    } else {
      setError('generic');
    }
  }, [connection]);

  const setPreference = useCallback(
    async (keep: boolean) => {
      if (!connection) return;
      setBusy(true);
      const ack = await request(connection.socket, 'queue:preference', { keep });
      setBusy(false);
      if (ack.ok) setQueue(ack.data);
      else setError(ack.error.retryable ? 'unreachable' : 'generic');
    },
    [connection],
  );

  const startOver = useCallback(() => {
    for (const chat of snapshot.chats) connection?.forget(chat.view.id);
    setQueue(undefined);
    setError(undefined);
    setStage('intake');
  }, [connection, snapshot.chats]);

  const rejoin = useCallback(() => {
    if (intake.current) void join(intake.current);
    else setStage('intake');
  }, [join]);

  const begin = useCallback(() => setStage('intake'), []);

  return { stage, queue, snapshot, connection, token, error, busy, begin, join, leaveQueue, setPreference, startOver, rejoin };
}
