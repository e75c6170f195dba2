// Live consequences of staff account changes: closing a revoked person's sockets, and break reminders; by room only.
import type { BreakReminder } from '@beside/shared';
import type { BreakReminderDue } from '../domain/staff/breakReminders.js';
import { rooms } from './rooms.js';
import type { IoServer } from './types.js';

/**
 * Tells every socket in the room, on any node, that the session is over (sign in again), then disconnects them.
 * Their handshake is refused from now on, since it re-checks the account and the session on every connect.
 */
function closeRevoked(io: IoServer, room: string): void {
  io.to(room).emit('session:closing', { reason: 'revoked' });
  io.in(room).disconnectSockets(true);
}

/** A staff member was suspended, disabled or signed out everywhere: all their sockets close. */
export async function revokeStaffSockets(io: IoServer, staffId: string): Promise<void> {
  closeRevoked(io, rooms.user(staffId));
}

/** One sign-in session ended (signed out, or its refresh token replayed): only its connections close. */
export async function revokeSessionSockets(io: IoServer, sessionId: string): Promise<void> {
  closeRevoked(io, rooms.session(sessionId));
}

export async function remindToTakeBreak(io: IoServer, due: BreakReminderDue): Promise<void> {
  const reminder: BreakReminder = { onShiftSince: due.shiftStartedAt.toISOString(), minutesOnShift: due.minutesOnShift };
  io.to(rooms.user(due.staffId)).emit('volunteer:break_reminder', reminder);
}
