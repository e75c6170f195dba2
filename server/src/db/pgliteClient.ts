// The main thread's handle on the embedded database in its worker: the part of PGlite's client that drizzle uses
// (query, exec, transaction), with PGlite's rule that nothing runs inside another caller's transaction.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { LogFields, Logger } from '../logger.js';
import { errorFields } from '../logger.js';
import type { WireQueryOptions, WireResults } from './pgliteWire.js';
import type { SerializedError, WorkerNotification, WorkerRequest, WorkerResponse, WorkerStats } from './pgliteWorker.js';
import { WORK_CHANNEL } from './workSignals.js';

/** The subset of a PGlite transaction drizzle's pglite session calls. */
export interface WorkerTransaction {
  query<T>(text: string, params?: unknown[], options?: QueryOptionsIn): Promise<WireResults & { rows: T[] }>;
  exec(text: string): Promise<WireResults[]>;
  rollback(): Promise<void>;
  readonly closed: boolean;
}

/** As drizzle passes them: parsers by type id, all of which return the database's text as it is. */
interface QueryOptionsIn {
  rowMode?: 'array' | 'object';
  parsers?: Record<number, unknown>;
}

/** A request without its id, which `send` assigns. */
type WithoutId<R> = R extends unknown ? Omit<R, 'id'> : never;
type RequestBody = WithoutId<WorkerRequest>;

/** How long a closing worker may take to stop before it is terminated. */
const CLOSE_TIMEOUT_MS = 5_000;

interface Pending {
  resolve(result: unknown): void;
  reject(err: Error): void;
}

const here = fileURLToPath(import.meta.url);
/** Running from source (tsx, vitest) the worker is TypeScript too; built, it is the .js beside this file. */
const fromSource = here.endsWith('.ts');
const workerFile = path.join(path.dirname(here), fromSource ? 'pgliteWorker.ts' : 'pgliteWorker.js');

/** Statement errors keep their fields (code, constraint, ...), so callers read them as they read pg's and PGlite's. */
function toError(e: SerializedError): Error {
  return Object.assign(new Error(e.message), e.fields, { name: 'DatabaseError' });
}

/** Read by isDatabaseDown (domain/core/errors.ts) as "the database is unreachable": retryable, not a bad request. */
function unavailable(message: string): Error {
  return Object.assign(new Error(message), { code: '57P01' });
}

function startWorker(dataDir: string): Worker {
  const workerData = { role: 'pglite', dataDir };
  if (!fromSource) return new Worker(workerFile, { workerData });
  // Node 20 does not give a worker its parent's loader hooks (`--import tsx`), so the worker loads tsx itself.
  const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  const entry = pathToFileURL(workerFile).href;
  return new Worker(`import(${JSON.stringify(api)}).then((m) => m.tsImport(${JSON.stringify(entry)}, ${JSON.stringify(entry)}))`, {
    eval: true,
    workerData,
  });
}

/**
 * A new data directory is created (initdb, then the migrations) in a child process, which gives its ~700 MB peak
 * back when it exits. It logs through this process's logger.
 */
async function initialiseInChildProcess(dataDir: string, logger: Logger): Promise<void> {
  if (dataDir.startsWith('memory://') || fs.existsSync(path.join(dataDir, 'PG_VERSION'))) return;
  await new Promise<void>((resolve, reject) => {
    const child = fork(workerFile, ['--pglite-init', dataDir], { execArgv: fromSource ? ['--import', 'tsx'] : [], stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)));
    child.on('message', (m: { log?: 'debug' | 'info' | 'warn' | 'error'; event?: string; fields?: LogFields }) => {
      if (m.log && m.event) logger[m.log](m.event, m.fields);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) return resolve();
      logger.error('db.init_failed', { code, detail: stderr.split('\n').find((l) => /Error/.test(l))?.slice(0, 300) });
      reject(new Error(`creating the embedded database failed (exit ${code})`));
    });
  });
}

export class PgliteInWorker {
  private ids = 0;
  /** Requests sent to the worker since it opened (statements, transaction steps). */
  sent = 0;
  private readonly pending = new Map<number, Pending>();
  /** The transaction that owns the connection, and those waiting for it. */
  private active: object | null = null;
  private readonly waitingTransactions: (() => void)[] = [];
  /** Queries asked for while a transaction owns the connection; sent when it ends. */
  private held: (() => void)[] = [];
  private dead: Error | null = null;
  private closing: Promise<void> | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly onNotification: (payload: string) => void,
  ) {
    worker.unref();
    worker.on('message', (msg: WorkerResponse | WorkerNotification) => {
      if ('notification' in msg) {
        this.onNotification(msg.notification);
        return;
      }
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if (msg.ok) p.resolve(msg.result);
      else p.reject(toError(msg.error));
    });
  }

  static async open(dataDir: string, logger: Logger, onNotification: (payload: string) => void = () => undefined): Promise<PgliteInWorker> {
    await initialiseInChildProcess(dataDir, logger);
    const worker = startWorker(dataDir);
    await new Promise<void>((resolve, reject) => {
      const onReady = (m: { ready?: boolean; error?: SerializedError }) => {
        if (m.ready === undefined) return;
        worker.off('message', onReady);
        if (m.ready) resolve();
        else reject(toError(m.error!));
      };
      worker.on('message', onReady);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the embedded database stopped while opening (exit ${code})`)));
    });
    const client = new PgliteInWorker(worker, onNotification);
    worker.on('error', (err) => logger.error('db.worker_failed', errorFields(err)));
    worker.once('exit', (code) => {
      // Once stopped, every statement is answered "unavailable" (retryable): clients keep their outbox.
      if (!client.closing) logger.error('db.worker_exited', { code });
      client.fail(unavailable('The embedded database has stopped.'));
    });
    return client;
  }

  query<T>(text: string, params: unknown[] = [], options?: QueryOptionsIn): Promise<WireResults & { rows: T[] }> {
    return this.whenFree(() => this.send({ kind: 'query', text, params, options: wireOptions(options) }));
  }

  exec(text: string): Promise<WireResults[]> {
    return this.whenFree(() => this.send({ kind: 'exec', text }));
  }

  /** Listens on the work channel (0014's triggers); its notifications go to the callback given to `open`. */
  listen(): Promise<void> {
    return this.whenFree(() => this.send({ kind: 'listen', channel: WORK_CHANNEL }));
  }

  /** What the database's thread holds: its WebAssembly memory, its heap (for the memory benchmark). */
  stats(): Promise<WorkerStats> {
    return this.send({ kind: 'stats' });
  }

  /** As PGlite's own: BEGIN, the callback's statements and COMMIT (or ROLLBACK), with nobody else's in between. */
  async transaction<T>(run: (tx: WorkerTransaction) => Promise<T>): Promise<T> {
    const owner = {};
    await this.acquire(owner);
    let closed = false;
    const check = () => {
      if (closed) throw new Error('Transaction is closed');
    };
    const exec = (text: string) => this.send<WireResults[]>({ kind: 'exec', text });
    const tx: WorkerTransaction = {
      query: <R>(text: string, params: unknown[] = [], options?: QueryOptionsIn) => {
        check();
        return this.send<WireResults & { rows: R[] }>({ kind: 'query', text, params, options: wireOptions(options) });
      },
      exec: (text) => {
        check();
        return exec(text);
      },
      rollback: async () => {
        check();
        await exec('ROLLBACK');
        closed = true;
      },
      get closed() {
        return closed;
      },
    };
    try {
      // BEGIN is not waited for: the worker runs requests in order, so the callback's first statement follows it
      // without a round trip of its own (a transaction holds the connection for one fewer). Its outcome is checked
      // before COMMIT.
      const begun = exec('BEGIN');
      begun.catch(() => undefined);
      try {
        const result = await run(tx);
        await begun;
        if (!closed) {
          closed = true;
          const [commit] = await exec('COMMIT');
          // COMMIT of a transaction that failed earlier (an error caught inside it) rolls back: say so.
          if (commit?.command === 'ROLLBACK') throw new Error('The transaction was rolled back');
        }
        return result;
      } catch (err) {
        if (!closed) {
          closed = true;
          await exec('ROLLBACK').catch(() => undefined);
        }
        throw err;
      }
    } finally {
      this.release();
    }
  }

  /** Waits for transactions and statements already asked for, then closes the database and its thread. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      if (this.dead) return;
      const exited = new Promise<void>((resolve) => this.worker.once('exit', () => resolve()));
      await this.whenFree(() => this.send({ kind: 'close' })).catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), CLOSE_TIMEOUT_MS)));
      if ((await Promise.race([exited, late])) === 'late') await this.worker.terminate();
      clearTimeout(timer);
    })();
    return this.closing;
  }

  private whenFree<T>(send: () => Promise<T>): Promise<T> {
    if (!this.active && this.waitingTransactions.length === 0) return send();
    return new Promise<T>((resolve, reject) => this.held.push(() => send().then(resolve, reject)));
  }

  private acquire(owner: object): Promise<void> {
    if (!this.active) {
      this.active = owner;
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.waitingTransactions.push(() => {
        this.active = owner;
        resolve();
      }),
    );
  }

  private release(): void {
    this.active = null;
    // Statements held during the transaction go first (the worker runs them in order), then the next transaction,
    // whose BEGIN is therefore queued after them and before anything asked for later.
    const held = this.held;
    this.held = [];
    for (const send of held) send();
    this.waitingTransactions.shift()?.();
  }

  private send<T>(req: RequestBody): Promise<T> {
    this.sent += 1;
    if (this.dead) return Promise.reject(this.dead);
    const id = ++this.ids;
    return new Promise<T>((resolve, reject) => {
      if (this.pending.size === 0) this.worker.ref();
      this.pending.set(id, { resolve: resolve as (r: unknown) => void, reject });
      this.worker.postMessage({ ...req, id });
    });
  }

  private fail(err: Error): void {
    this.dead = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
    for (const send of this.held.splice(0)) send();
    for (const next of this.waitingTransactions.splice(0)) next();
  }
}

function wireOptions(options: QueryOptionsIn | undefined): WireQueryOptions {
  return {
    rowMode: options?.rowMode ?? 'object',
    rawTypes: options?.parsers ? Object.keys(options.parsers).map(Number) : [],
  };
}
