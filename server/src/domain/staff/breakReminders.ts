// Wellbeing on shift: finds volunteers on shift for longer than the reminder interval and claims one reminder each.
// jobs/breakReminders.ts runs the check and tells each volunteer.
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { rowsOf } from '../../db/connect.js';
import type { Clock } from '../core/clock.js';

export interface BreakReminderDue {
  staffId: string;
  shiftStartedAt: Date;
  minutesOnShift: number;
}

/**
 * Claims the reminders due now: for each connected volunteer continuously on shift for at least `intervalMinutes`
 * since the shift began or since their last reminder in this shift. The upsert is the claim, so with several
 * nodes each reminder is sent once.
 */
export async function claimDueBreakReminders(db: Db, clock: Clock, intervalMinutes: number): Promise<BreakReminderDue[]> {
  const now = clock.now();
  const cutoff = new Date(now.getTime() - intervalMinutes * 60_000);
  const rows = rowsOf<{ staff_id: string; shift_started_at: Date | string }>(
    await db.execute(sql`
      INSERT INTO break_reminders (staff_id, shift_started_at, reminded_at)
      SELECT p.staff_id, p.shift_started_at, ${now.toISOString()}::timestamptz
      FROM volunteer_presence p JOIN staff s ON s.id = p.staff_id
      WHERE p.on_shift AND p.shift_started_at IS NOT NULL AND p.disconnected_at IS NULL AND s.status = 'active'
        AND p.shift_started_at <= ${cutoff.toISOString()}::timestamptz
      ON CONFLICT (staff_id) DO UPDATE
        SET shift_started_at = EXCLUDED.shift_started_at, reminded_at = EXCLUDED.reminded_at
        WHERE break_reminders.shift_started_at <> EXCLUDED.shift_started_at
           OR break_reminders.reminded_at <= ${cutoff.toISOString()}::timestamptz
      RETURNING staff_id, shift_started_at`),
  );
  return rows.map((r) => {
    const started = new Date(r.shift_started_at);
    return { staffId: r.staff_id, shiftStartedAt: started, minutesOnShift: Math.floor((now.getTime() - started.getTime()) / 60_000) };
  });
}

/**
 * When the next reminder falls due: the earliest, over volunteers on shift and connected, of their shift's start or
 * their last reminder in this shift, plus the interval. Null when nobody is on shift (nothing will fall due until
 * someone is, which 0014's `shift` signal tells).
 */
export async function nextBreakReminderDue(db: Db, intervalMinutes: number): Promise<Date | null> {
  const [row] = rowsOf<{ last: Date | string | null }>(
    await db.execute(sql`
      SELECT min(GREATEST(p.shift_started_at, CASE WHEN b.shift_started_at = p.shift_started_at THEN b.reminded_at END)) AS last
      FROM volunteer_presence p JOIN staff s ON s.id = p.staff_id
      LEFT JOIN break_reminders b ON b.staff_id = p.staff_id
      WHERE p.on_shift AND p.shift_started_at IS NOT NULL AND p.disconnected_at IS NULL AND s.status = 'active'`),
  );
  return row?.last ? new Date(new Date(row.last).getTime() + intervalMinutes * 60_000) : null;
}
