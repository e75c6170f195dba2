// Reads conversations by id in groups: every read asked for in one tick is answered by one query.
import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.js';
import { conversations } from '../../db/schema.js';

type ConversationRow = typeof conversations.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Never more ids than this in one query; the rest go in the next. */
const MAX_IDS = 500;

interface Pending {
  resolve(row: ConversationRow | undefined): void;
  reject(err: unknown): void;
}

/**
 * Each chat message is checked against its conversation before it is stored: under load that is one query per
 * message. Reads asked for in the same tick are made as one `WHERE id IN (...)`, with the same answers (each read
 * still sees everything committed before it was asked for).
 */
class ConversationLoader {
  private waiting = new Map<string, Pending[]>();
  private scheduled = false;

  constructor(private readonly db: Db) {}

  load(id: string): Promise<ConversationRow | undefined> {
    // Ids are uuids; anything else cannot exist, and must not make the shared query fail for everyone else.
    if (!UUID.test(id)) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(id);
      if (list) list.push({ resolve, reject });
      else this.waiting.set(id, [{ resolve, reject }]);
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.waiting;
    this.waiting = new Map();
    const ids = [...batch.keys()];
    for (let i = 0; i < ids.length; i += MAX_IDS) {
      const chunk = ids.slice(i, i + MAX_IDS);
      try {
        const rows = new Map((await this.db.select().from(conversations).where(inArray(conversations.id, chunk))).map((r) => [r.id, r]));
        for (const id of chunk) for (const p of batch.get(id)!) p.resolve(rows.get(id));
      } catch (err) {
        for (const id of chunk) for (const p of batch.get(id)!) p.reject(err);
      }
    }
  }
}

const loaders = new WeakMap<Db, ConversationLoader>();

/** The conversation with this id, or undefined; batched with the other reads of this tick. */
export function loadConversation(db: Db, id: string): Promise<ConversationRow | undefined> {
  let loader = loaders.get(db);
  if (!loader) {
    loader = new ConversationLoader(db);
    loaders.set(db, loader);
  }
  return loader.load(id);
}
