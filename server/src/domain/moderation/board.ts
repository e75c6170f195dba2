// The supervisors' live board (GET /api/moderation/board): every waiting survivor and every live chat, read in a
// few queries, with no message content and no visitor id. Times of the last messages are read from the thread
// (every part of a transferred or re-matched chat), never their bodies. `escalated` is the rule of
// supervision.ts#escalationOf, so the console knows when Observe needs a reason.
import { sql } from 'drizzle-orm';
import type { AlertKind, AlertStatus, BoardAlert, BoardChat, BoardWaiting, Language, LiveBoard, Topic, Want } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { rowsOf } from '../../db/connect.js';
import type { Clock } from '../core/clock.js';

type Stamp = Date | string;
const iso = (v: Stamp) => new Date(v).toISOString();
const isoOrUndefined = (v: Stamp | null) => (v === null ? undefined : iso(v));

interface AlertCols {
  alert_id: string | null;
  alert_kinds: AlertKind[] | null;
  alert_imminent: boolean | null;
  alert_status: AlertStatus | null;
}

function boardAlert(r: AlertCols): BoardAlert | undefined {
  if (!r.alert_id) return undefined;
  return { id: r.alert_id, kinds: r.alert_kinds ?? [], imminent: r.alert_imminent === true, status: r.alert_status ?? 'open' };
}

interface WaitingRow extends AlertCols {
  id: string;
  queued_at: Stamp;
  urgent: boolean;
  language: Language;
  topic: Topic;
  want: Want;
  previous_conversation_id: string | null;
  disconnected_at: Stamp | null;
  previous_risk: string | null;
}

async function waitingEntries(db: Db): Promise<BoardWaiting[]> {
  const rows = rowsOf<WaitingRow>(
    await db.execute(sql`
      SELECT q.id, q.queued_at, q.urgent, q.language, q.topic, q.want, q.previous_conversation_id, q.disconnected_at,
             pc.risk AS previous_risk,
             a.id AS alert_id, a.kinds AS alert_kinds, a.imminent AS alert_imminent, a.status AS alert_status
      FROM queue_entries q
      LEFT JOIN conversations pc ON pc.id = q.previous_conversation_id
      LEFT JOIN LATERAL (
        SELECT id, kinds, imminent, status FROM alerts
        WHERE status <> 'closed' AND (queue_entry_id = q.id OR (pc.thread_id IS NOT NULL AND thread_id = pc.thread_id))
        ORDER BY raised_at LIMIT 1
      ) a ON true
      WHERE q.status = 'waiting'
      ORDER BY q.urgent DESC, q.priority_at ASC, q.id ASC`),
  );
  // The place each survivor is told: their line is their language's.
  const positions = new Map<Language, number>();
  return rows.map((r) => {
    const position = (positions.get(r.language) ?? 0) + 1;
    positions.set(r.language, position);
    const alert = boardAlert(r);
    return {
      queueEntryId: r.id,
      queuedAt: iso(r.queued_at),
      position,
      urgent: r.urgent,
      risk: r.previous_risk === 'high' ? 'high' : 'normal',
      language: r.language,
      topic: r.topic,
      want: r.want,
      returning: r.previous_conversation_id !== null,
      disconnected: r.disconnected_at !== null,
      ...(alert ? { alert } : {}),
    };
  });
}

interface ChatRow extends AlertCols {
  id: string;
  thread_started_at: Stamp;
  urgent: boolean;
  risk: string;
  language: Language;
  topic: Topic;
  volunteer_id: string;
  volunteer_name: string | null;
  taken_over_by: string | null;
  taken_over_name: string | null;
  observer_names: string[] | null;
  help_open: boolean;
  escalated: boolean;
  last_survivor_at: Stamp | null;
  last_reply_at: Stamp | null;
}

async function liveChats(db: Db): Promise<BoardChat[]> {
  const rows = rowsOf<ChatRow>(
    await db.execute(sql`
      SELECT c.id, c.urgent, c.risk, c.language, c.topic, c.volunteer_id, v.display_name AS volunteer_name,
             c.taken_over_by, t.display_name AS taken_over_name,
             (SELECT min(p.started_at) FROM conversations p WHERE p.thread_id = c.thread_id) AS thread_started_at,
             (SELECT array_agg(s.display_name ORDER BY o.joined_at) FROM conversation_observers o
                JOIN staff s ON s.id = o.moderator_id
                WHERE o.conversation_id = c.id AND o.left_at IS NULL) AS observer_names,
             EXISTS (SELECT 1 FROM help_requests h WHERE h.conversation_id = c.id AND h.status = 'open') AS help_open,
             (c.risk = 'high'
              OR EXISTS (SELECT 1 FROM help_requests h WHERE h.conversation_id = c.id)
              OR EXISTS (SELECT 1 FROM flags f WHERE f.conversation_id = c.id AND f.status = 'open')) AS escalated,
             (SELECT max(m.created_at) FROM messages m JOIN conversations p ON p.id = m.conversation_id
                WHERE p.thread_id = c.thread_id AND m.sender_role = 'visitor') AS last_survivor_at,
             (SELECT max(m.created_at) FROM messages m JOIN conversations p ON p.id = m.conversation_id
                WHERE p.thread_id = c.thread_id AND m.sender_role IN ('volunteer', 'moderator')) AS last_reply_at,
             a.id AS alert_id, a.kinds AS alert_kinds, a.imminent AS alert_imminent, a.status AS alert_status
      FROM conversations c
      LEFT JOIN staff v ON v.id = c.volunteer_id
      LEFT JOIN staff t ON t.id = c.taken_over_by
      LEFT JOIN LATERAL (
        SELECT id, kinds, imminent, status FROM alerts
        WHERE status <> 'closed' AND thread_id = c.thread_id
        ORDER BY raised_at LIMIT 1
      ) a ON true
      WHERE c.status = 'active'
      ORDER BY thread_started_at ASC, c.id ASC`),
  );
  return rows.map((r) => {
    const observers = r.observer_names ?? [];
    const takenOver = r.taken_over_by !== null;
    const supervisorNames = takenOver && r.taken_over_name
      ? [r.taken_over_name, ...observers.filter((n) => n !== r.taken_over_name)]
      : observers;
    const lastSurvivorAt = isoOrUndefined(r.last_survivor_at);
    const lastReplyAt = isoOrUndefined(r.last_reply_at);
    const alert = boardAlert(r);
    return {
      conversationId: r.id,
      startedAt: iso(r.thread_started_at),
      urgent: r.urgent,
      risk: r.risk === 'high' ? 'high' : 'normal',
      language: r.language,
      topic: r.topic,
      volunteerId: r.volunteer_id,
      volunteerName: r.volunteer_name ?? 'Volunteer',
      supervision: takenOver ? 'taken_over' : observers.length > 0 ? 'observed' : 'none',
      supervisorNames,
      helpRequested: r.help_open,
      escalated: r.escalated,
      ...(lastSurvivorAt ? { lastSurvivorAt } : {}),
      ...(lastReplyAt ? { lastReplyAt } : {}),
      awaitingReply: lastSurvivorAt !== undefined && (lastReplyAt === undefined || lastReplyAt < lastSurvivorAt),
      ...(alert ? { alert } : {}),
    };
  });
}

/** The board as it is now. */
export async function liveBoard(db: Db, clock: Clock): Promise<LiveBoard> {
  const at = clock.now().toISOString();
  const [waiting, chats] = await Promise.all([waitingEntries(db), liveChats(db)]);
  return { at, waiting, chats };
}
