// Work signals from the database (migrations/0014_work_signals.sql): what kind of work a committed change made, told
// to every node that listens, so that their timers sleep while nothing is due instead of polling.
import pg from 'pg';
import { errorFields, type Logger } from '../logger.js';

/** The channel 0014's triggers notify; the payload is one of the signals below. */
export const WORK_CHANNEL = 'beside_work';

/**
 * `matching`: a survivor waits or a chat started; `shift`: a volunteer is on shift and connected; `retention`: a
 * conversation ended or its review closed, or a visitor was seen; `paging`: a page was scheduled or is due again
 * for a retry (0019). `resync`: this node may have missed signals (its
 * listening connection was lost and is back): every job looks again.
 */
export type WorkSignal = 'matching' | 'shift' | 'retention' | 'paging' | 'resync';
export type WorkSignalListener = (signal: WorkSignal) => void;

const KNOWN: readonly string[] = ['matching', 'shift', 'retention', 'paging', 'resync'];

/** Where a storage delivers the signals it receives, and jobs subscribe. */
export class WorkSignals {
  private readonly listeners = new Set<WorkSignalListener>();
  /** Signals delivered, by kind (the idle benchmark and the tests read them). */
  readonly received: Record<WorkSignal, number> = { matching: 0, shift: 0, retention: 0, paging: 0, resync: 0 };

  on(listener: WorkSignalListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  deliver(payload: string): void {
    if (!KNOWN.includes(payload)) return;
    const signal = payload as WorkSignal;
    this.received[signal] += 1;
    for (const listener of this.listeners) listener(signal);
  }
}

const RECONNECT_FIRST_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * A connection of its own that LISTENs on the work channel (a pooled connection cannot: it is handed to others).
 * When it is lost it reconnects with a growing wait, and once back delivers `resync`, since anything committed
 * meanwhile went unheard. It never throws: while it is down, jobs fall back on their longest waits.
 */
export class PostgresSignalListener {
  private client: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private waitMs = RECONNECT_FIRST_MS;
  private firstAttempt = true;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly signals: WorkSignals,
    private readonly logger: Logger,
  ) {}

  /** Resolves once listening, or after the first attempt failed (retried in the background). */
  async start(): Promise<void> {
    await this.connect();
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const first = this.firstAttempt;
    this.firstAttempt = false;
    const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: 3000 });
    this.client = client;
    let lost = false;
    const onLost = (err?: Error) => {
      if (lost) return;
      lost = true;
      if (this.client === client) this.client = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.logger.warn('db.signals_lost', err ? errorFields(err) : {});
      this.retryLater();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (msg) => {
      if (msg.channel === WORK_CHANNEL) this.signals.deliver(msg.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${WORK_CHANNEL}`);
    } catch (err) {
      onLost(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    this.waitMs = RECONNECT_FIRST_MS;
    if (!first) {
      this.logger.info('db.signals_restored');
      this.signals.deliver('resync');
    }
  }

  private retryLater(): void {
    if (this.timer || this.closed) return;
    const wait = this.waitMs;
    this.waitMs = Math.min(RECONNECT_MAX_MS, this.waitMs * 2);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, wait);
    this.timer.unref();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
