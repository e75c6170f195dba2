// The volunteer's socket: chats through a ParticipantConnection, console signals, and shift state (session:state, volunteer:state, shift:set).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ShiftSetInput, VolunteerState } from '@beside/shared';
import { ParticipantConnection } from '../ui/participantConnection';
import { ConsoleSignals } from './consoleSignals';
import { request } from '../ui/socket';

export interface StaffConnection {
  connection: ParticipantConnection | undefined;
  /** Queue summary, breaks, warnings, risk and supervision: registered before the socket connects. */
  signals: ConsoleSignals | undefined;
  volunteer: VolunteerState | undefined;
  shiftError: string | undefined;
  setShift: (change: ShiftSetInput) => Promise<void>;
}

/** One socket per signed-in user; a refreshed token is handed to it for its next reconnection. */
export function useStaffConnection(userId: string, token: string, onSessionEnded: () => void): StaffConnection {
  const [connection, setConnection] = useState<ParticipantConnection>();
  const [signals, setSignals] = useState<ConsoleSignals>();
  const [volunteer, setVolunteer] = useState<VolunteerState>();
  const [shiftError, setShiftError] = useState<string>();
  const latest = useRef({ token, onSessionEnded });
  latest.current = { token, onSessionEnded };

  useEffect(() => {
    const ended = () => latest.current.onSessionEnded();
    const conn = new ParticipantConnection(latest.current.token, 'volunteer', {
      onSessionState: (state) => state.volunteer && setVolunteer(state.volunteer),
      onRefused: ended,
      onRevoked: ended,
    });
    conn.socket.on('volunteer:state', setVolunteer);
    setSignals(new ConsoleSignals(conn.socket));
    setConnection(conn);
    return () => conn.close();
  }, [userId]);

  useEffect(() => connection?.setToken(token), [connection, token]);

  const setShift = useCallback(
    async (change: ShiftSetInput) => {
      if (!connection) return;
      setShiftError(undefined);
      const ack = await request(connection.socket, 'shift:set', change);
      if (ack.ok) setVolunteer(ack.data);
      else setShiftError(ack.error.message);
    },
    [connection],
  );

  return { connection, signals, volunteer, shiftError, setShift };
}
