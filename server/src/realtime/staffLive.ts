// Live consequences of staff account changes: closing a revoked person's sockets, and break reminders; by room only.
import type { BreakReminder } from '@beside/shared';
import type { BreakReminderDue } from '../domain/breakReminders.js';
import { rooms } from './rooms.js';
import type { IoServer } from './types.js';

/**
 * Tells every socket of this staff member, on any node, that the session is over (sign in again), then
 * disconnects them. Their handshake is refused from now on, since it re-checks the account on every connect.
 */
export async function revokeStaffSockets(io: IoServer, staffId: string): Promise<void> {
  const room = rooms.user(staffId);
  io.to(room).emit('session:closing', { reason: 'revoked' });
  io.in(room).disconnectSockets(true);
}

/** One sign-in session ended (signed out, or its refresh token replayed): its live connections close everywhere. */
export async function revokeSessionSockets(io: IoServer, sessionId: string): Promise<void> {
  const room = rooms.session(sessionId);
  io.to(room).emit('session:closing', { reason: 'revoked' });
  io.in(room).disconnectSockets(true);
}

export async function remindToTakeBreak(io: IoServer, due: BreakReminderDue): Promise<void> {
  const reminder: BreakReminder = { onShiftSince: due.shiftStartedAt.toISOString(), minutesOnShift: due.minutesOnShift };
  io.to(rooms.user(due.staffId)).emit('volunteer:break_reminder', reminder);
}
