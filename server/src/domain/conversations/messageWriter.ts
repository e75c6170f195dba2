// Group commit for chat messages: every message that arrives while a write is running is stored by the next one,
// in one transaction, and each sender is answered only once that transaction has committed.
import { randomUUID } from 'node:crypto';
import { inArray, sql, type SQL } from 'drizzle-orm';
import type { MessageKind, SenderRole } from '@beside/shared';
import { hasPgCode, PG } from '../../db/errors.js';
import { rowsOf, type Db } from '../../db/connect.js';
import { messages } from '../../db/schema.js';
import { Conflict } from '../core/errors.js';

export type MessageRow = typeof messages.$inferSelect;

export interface PendingMessage {
  conversationId: string;
  clientId: string;
  senderRole: SenderRole;
  senderId: string | null;
  kind: MessageKind;
  /** Already encrypted: the writer never sees message text (nor a system line's or a resource's JSON). */
  bodyEnc: string;
  createdAt: Date;
}

export interface Appended {
  row: MessageRow;
  duplicate: boolean;
}

/** Enough to amortise a transaction, few enough that one statement stays far below PostgreSQL's parameter limit. */
const MAX_BATCH = 256;
/** A batch that lost a race (same client id from another node, a deadlock) is retried whole this many times. */
const MAX_ATTEMPTS = 3;

interface Waiter {
  message: PendingMessage;
  resolve(result: Appended): void;
  reject(err: unknown): void;
}

/**
 * One writer per database handle (so per node): messages queue while a transaction runs and the next transaction
 * takes them all. With one sender there is no waiting beyond the current tick; under load, one commit serves many.
 */
export class MessageWriter {
  private queue: Waiter[] = [];
  private running = false;

  constructor(private readonly db: Db) {}

  append(message: PendingMessage): Promise<Appended> {
    return new Promise((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      if (!this.running) {
        this.running = true;
        // The rest of this tick's messages join the first write.
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      await this.writeBatch(batch);
    }
    this.running = false;
  }

  private async writeBatch(batch: Waiter[]): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        const results = await storeBatch(this.db, batch.map((w) => w.message));
        batch.forEach((w, i) => settle(w, results[i]!));
        return;
      } catch (err) {
        if (attempt < MAX_ATTEMPTS && isRetryable(err)) continue;
        if (batch.length > 1) {
          // One message the database refuses must not fail the others: store them one by one instead.
          for (const w of batch) await this.writeBatch([w]);
          return;
        }
        batch[0]!.reject(err);
        return;
      }
    }
  }
}

function settle(w: Waiter, result: Appended | Error): void {
  if (result instanceof Error) w.reject(result);
  else w.resolve(result);
}

/** One row of a batch statement's answer: a stored message, an open conversation, or an earlier copy (dup). */
interface BatchRow {
  kind: 'new' | 'open' | 'dup';
  id: string | null;
  seq: number | null;
  conversation_id: string | null;
  client_id: string | null;
}

/**
 * Stores a batch in one statement (atomic on its own) and answers, per message, its row (new, or already stored
 * under the same client id) or the error for that message alone (its conversation has ended). Arrays travel as
 * nine parameters whatever the batch size, so the cost per message is a row, not a round trip.
 *
 * Two statements, one answer. Retries of a stored message are rare, so the batch first goes through the plain
 * one, which lets the unique index on (conversation, client id) catch a repeat; only when it does (the whole
 * statement then rolls back) does the batch go through the one that looks every message up first. Skipping those
 * look-ups makes the common case about a third cheaper on a large messages table (bench/store.ts).
 */
async function storeBatch(db: Db, batch: PendingMessage[]): Promise<(Appended | Error)[]> {
  const ids = batch.map(() => randomUUID());
  const input = sql`
      input AS (
        SELECT * FROM unnest(
          ${sql.param(batch.map((_, i) => i))}::int[], ${sql.param(ids)}::uuid[],
          ${sql.param(batch.map((m) => m.conversationId))}::uuid[], ${sql.param(batch.map((m) => m.clientId))}::uuid[],
          ${sql.param(batch.map((m) => m.senderRole))}::text[], ${sql.param(batch.map((m) => m.senderId))}::uuid[],
          ${sql.param(batch.map((m) => m.bodyEnc))}::text[], ${sql.param(batch.map((m) => m.createdAt.toISOString()))}::timestamptz[],
          ${sql.param(batch.map((m) => m.kind))}::text[]
        ) AS t(ord, id, conversation_id, client_id, sender_role, sender_id, body_enc, created_at, kind)
      ),
      -- Locked in id order, so that two nodes writing to the same conversations cannot deadlock.
      locked AS (
        SELECT c.id, c.last_seq FROM conversations c
        WHERE c.id IN (SELECT conversation_id FROM input) AND c.status = 'active'
        ORDER BY c.id FOR UPDATE
      )`;
  const repeatsInBatch = new Set(batch.map((m) => `${m.conversationId}/${m.clientId}`)).size < batch.length;
  let rows: BatchRow[];
  if (repeatsInBatch) {
    rows = await storeCheckingRepeats(db, input);
  } else {
    try {
      rows = await storeAssumingNew(db, input);
      // What was not stored went to a conversation that is no longer open: a retry of a message stored before it
      // ended is still answered with that message, as the checking statement would.
      const stored = new Set(rows.filter((r) => r.kind === 'new').map((r) => r.id));
      const notStored = batch.filter((_, i) => !stored.has(ids[i]!));
      if (notStored.length > 0) rows.push(...(await storedCopies(db, notStored)));
    } catch (err) {
      if (!hasPgCode(err, PG.uniqueViolation)) throw err;
      rows = await storeCheckingRepeats(db, input);
    }
  }
  return answersFor(db, batch, ids, rows);
}

/** Messages already stored under these (conversation, client id) pairs, as 'dup' rows. */
async function storedCopies(db: Db, batch: PendingMessage[]): Promise<BatchRow[]> {
  return rowsOf<BatchRow>(
    await db.execute(sql`
      SELECT 'dup' AS kind, m.id, m.seq, m.conversation_id, m.client_id
      FROM messages m
      JOIN unnest(${sql.param(batch.map((m) => m.conversationId))}::uuid[], ${sql.param(batch.map((m) => m.clientId))}::uuid[]) AS t(c, k)
        ON m.conversation_id = t.c AND m.client_id = t.k`),
  );
}

/**
 * The CTEs both statements end with: number the messages of `source` (a relation with input's columns) per
 * conversation in arrival order after its last seq, bump last_seq, insert; `inserted` holds what was stored.
 */
function numberAndInsert(source: 'input' | 'fresh'): SQL {
  return sql`
      numbered AS (
        SELECT s.*, (l.last_seq + row_number() OVER (PARTITION BY s.conversation_id ORDER BY s.ord))::int AS seq
        FROM ${sql.raw(source)} s JOIN locked l ON l.id = s.conversation_id
      ),
      bumped AS (
        UPDATE conversations c SET last_seq = n.last_seq
        FROM (SELECT conversation_id, max(seq) AS last_seq FROM numbered GROUP BY conversation_id) n
        WHERE c.id = n.conversation_id
        RETURNING c.id
      ),
      inserted AS (
        INSERT INTO messages (id, conversation_id, seq, client_id, sender_role, sender_id, body_enc, created_at, kind)
        SELECT id, conversation_id, seq, client_id, sender_role, sender_id, body_enc, created_at, kind FROM numbered
        RETURNING id, seq
      )
      SELECT 'new' AS kind, id, seq, NULL::uuid AS conversation_id, NULL::uuid AS client_id FROM inserted
      UNION ALL SELECT 'open', NULL, NULL, id, NULL FROM locked`;
}

/** The common case: every message is new. A repeated client id fails the whole statement (unique violation). */
async function storeAssumingNew(db: Db, input: SQL): Promise<BatchRow[]> {
  return rowsOf<BatchRow>(await db.execute(sql`WITH ${input}, ${numberAndInsert('input')}`));
}

/** Skips client ids already stored (answering with the stored row) and repeats within the batch (the first wins). */
async function storeCheckingRepeats(db: Db, input: SQL): Promise<BatchRow[]> {
  return rowsOf<BatchRow>(
    await db.execute(sql`
      WITH ${input},
      fresh AS (
        SELECT DISTINCT ON (i.conversation_id, i.client_id) i.*
        FROM input i JOIN locked l ON l.id = i.conversation_id
        WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.conversation_id = i.conversation_id AND m.client_id = i.client_id)
        ORDER BY i.conversation_id, i.client_id, i.ord
      ),
      ${numberAndInsert('fresh')}
      UNION ALL SELECT 'dup', m.id, m.seq, m.conversation_id, m.client_id
        FROM messages m JOIN input i ON m.conversation_id = i.conversation_id AND m.client_id = i.client_id`),
  );
}

/** Per message of the batch, in order: what was stored for it, or why nothing was. */
async function answersFor(db: Db, batch: PendingMessage[], ids: string[], rows: BatchRow[]): Promise<(Appended | Error)[]> {
  const key = (conversationId: string, clientId: string) => `${conversationId}/${clientId}`;
  const seqOf = new Map<string, number>();
  const open = new Set<string>();
  const storedIds: string[] = [];
  const storedKeyById = new Map<string, string>();
  for (const r of rows) {
    if (r.kind === 'new') seqOf.set(r.id!, r.seq!);
    else if (r.kind === 'open') open.add(r.conversation_id!);
    else {
      storedIds.push(r.id!);
      storedKeyById.set(r.id!, key(r.conversation_id!, r.client_id!));
    }
  }
  // Retries of a message already stored (by this node or another) are answered with the stored row.
  const stored = new Map<string, MessageRow>();
  if (storedIds.length > 0) {
    for (const row of await db.select().from(messages).where(inArray(messages.id, storedIds))) stored.set(storedKeyById.get(row.id)!, row);
  }
  const firstOf = new Map<string, MessageRow>();
  return batch.map((m, i): Appended | Error => {
    const k = key(m.conversationId, m.clientId);
    const existing = stored.get(k);
    if (existing) return { row: existing, duplicate: true };
    const seq = seqOf.get(ids[i]!);
    if (seq !== undefined) {
      const row: MessageRow = { id: ids[i]!, seq, ...m };
      firstOf.set(k, row);
      return { row, duplicate: false };
    }
    // Not stored: the same client id earlier in this batch was, or the conversation is not open.
    const first = firstOf.get(k);
    if (first) return { row: first, duplicate: true };
    if (!open.has(m.conversationId)) return new Conflict('This conversation has ended.');
    return new Error('message not stored');
  });
}

function isRetryable(err: unknown): boolean {
  return hasPgCode(err, PG.uniqueViolation, PG.serializationFailure, PG.deadlockDetected);
}


const writers = new WeakMap<Db, MessageWriter>();

/** The writer of this database handle. */
export function messageWriterFor(db: Db): MessageWriter {
  let writer = writers.get(db);
  if (!writer) {
    writer = new MessageWriter(db);
    writers.set(db, writer);
  }
  return writer;
}
