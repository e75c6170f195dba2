// The embedded database's own thread: PGlite runs here, so a statement never holds the event loop that serves sockets.
// Also the entry of the short-lived process that creates a new data directory (initdb), so that its memory is freed.
import v8 from 'node:v8';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import type { LogFields, Logger } from '../logger.js';
import { runMigrations } from './migrate.js';
import { StatementRunner, type WireQueryOptions, type WireResults } from './pgliteWire.js';

/**
 * PGlite's memory, set on purpose (docs/ARCHITECTURE.md, "The embedded database in its own thread"). Its WebAssembly
 * memory starts at the 128 MB the module declares as its minimum (it cannot start lower), but only pages written
 * count as resident. Shared buffers are written in full at start, so they are the one setting that moves an idle
 * node's RSS: initdb's default of 128 MB is most of it; 16 MB holds this service's hot rows (open conversations,
 * the queue, presence, the recent end of the message indexes) and the kernel's page cache holds the rest of the
 * files, which PGlite reads through ordinary system calls. Sorts and hashes get 4 MB each while they run; index
 * builds (migrations) 16 MB. One backend runs, so a few connection slots keep the lock and process tables small.
 */
export const PGLITE_SETTINGS: readonly string[] = [
  'shared_buffers=16MB',
  'work_mem=4MB',
  'maintenance_work_mem=16MB',
  'temp_buffers=1MB',
  'max_connections=10',
];

function startParams(): string[] {
  return [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((s) => ['-c', s])];
}

/**
 * PGlite's WebAssembly is compiled by Liftoff, V8's baseline compiler, and never re-compiled by TurboFan: measured on
 * a restarted idle node, TurboFan's compilations of PGlite's hot functions left about 100 MB in the malloc arenas of
 * V8's compiler threads (RSS 310-335 MB against 210 MB), and the statements this service runs were not measurably
 * faster for it (bench/results/idle.md). The flag is process-wide and read when a module is compiled; nothing else in
 * the server compiles WebAssembly.
 */
export function compileWithBaselineOnly(): void {
  v8.setFlagsFromString('--liftoff-only');
}

export function openPglite(dataDir: string): Promise<PGlite> {
  compileWithBaselineOnly();
  return PGlite.create(dataDir, {
    startParams: startParams(),
    // initdb writes the same values into postgresql.conf, and runs its own bootstrap backend with them.
    initDbStartParams: PGLITE_SETTINGS.flatMap((s) => ['-c', s]),
  });
}

export type WorkerRequest =
  | { id: number; kind: 'query'; text: string; params: unknown[]; options: WireQueryOptions }
  | { id: number; kind: 'exec'; text: string }
  | { id: number; kind: 'stats' }
  | { id: number; kind: 'listen'; channel: string }
  | { id: number; kind: 'close' };

/** What the embedded database's thread holds (bench/pglite-memory.ts prints it). */
export interface WorkerStats {
  /** The WebAssembly memory's size; only the pages written are resident. */
  wasmMemoryBytes: number;
  /** This thread's JavaScript heap (PGlite's glue code, its in-memory file system). */
  heapUsedBytes: number;
  externalBytes: number;
  preparedStatements: number;
}

export type WorkerResponse =
  | { id: number; ok: true; result: WireResults | WireResults[] | WorkerStats | null }
  | { id: number; ok: false; error: SerializedError };

/** A notification on a channel the main thread asked to listen on, sent as PGlite receives it (after a statement). */
export interface WorkerNotification {
  notification: string;
}

export interface SerializedError {
  message: string;
  fields: Record<string, string | number | undefined>;
}

/** A database error's fields (code, constraint, detail, ...) survive the structured clone; its class does not. */
function serializeError(err: unknown): SerializedError {
  if (!(err instanceof Error)) return { message: String(err), fields: {} };
  const fields: Record<string, string | number | undefined> = {};
  for (const [k, v] of Object.entries(err)) if (typeof v === 'string' || typeof v === 'number') fields[k] = v;
  return { message: err.message, fields };
}

async function serve(dataDir: string): Promise<void> {
  const port = parentPort!;
  let pg: PGlite;
  try {
    pg = await openPglite(dataDir);
  } catch (err) {
    port.postMessage({ ready: false, error: serializeError(err) });
    return;
  }
  const runner = new StatementRunner(pg);
  // One request at a time, in arrival order: the main thread decides what may interleave (transactions).
  let chain: Promise<void> = Promise.resolve();
  port.on('message', (req: WorkerRequest) => {
    chain = chain.then(async () => {
      let response: WorkerResponse;
      try {
        if (req.kind === 'query') response = { id: req.id, ok: true, result: await runner.query(req.text, req.params, req.options) };
        else if (req.kind === 'listen') {
          await pg.listen(req.channel, (payload) => port.postMessage({ notification: payload } satisfies WorkerNotification));
          response = { id: req.id, ok: true, result: null };
        } else if (req.kind === 'stats') {
          const heap = v8.getHeapStatistics();
          response = {
            id: req.id,
            ok: true,
            result: {
              wasmMemoryBytes: pg.Module.HEAPU8.length,
              heapUsedBytes: heap.used_heap_size,
              externalBytes: heap.external_memory,
              preparedStatements: runner.preparedCount,
            } satisfies WorkerStats,
          };
        } else if (req.kind === 'exec') {
          const results = await pg.exec(req.text);
          response = { id: req.id, ok: true, result: results.map((r) => ({ rows: r.rows, fields: r.fields, affectedRows: r.affectedRows, command: r.command })) };
        } else {
          await pg.close();
          port.postMessage({ id: req.id, ok: true, result: null } satisfies WorkerResponse);
          port.close();
          return;
        }
      } catch (err) {
        response = { id: req.id, ok: false, error: serializeError(err) };
      }
      port.postMessage(response);
    });
  });
  port.postMessage({ ready: true });
}

if (!isMainThread && (workerData as { role?: string } | undefined)?.role === 'pglite') {
  await serve((workerData as { dataDir: string }).dataDir);
} else if (isMainThread && process.argv.includes('--pglite-init')) {
  // A new data directory: initdb runs two more PGlite instances and its own WebAssembly module, about 700 MB at its
  // peak, and the migrations' index builds touch another ~50 MB of WebAssembly memory that is never given back. A
  // process returns all of it when it exits, where a thread would keep much of it; the node then opens a ready database.
  const dataDir = process.argv[process.argv.indexOf('--pglite-init') + 1]!;
  const pg = await openPglite(dataDir);
  try {
    await runMigrations(
      {
        exec: async (text) => {
          await pg.exec(text);
        },
        query: async <T>(text: string, params: unknown[] = []) => (await pg.query<T>(text, params)).rows,
      },
      parentLogger(),
    );
  } finally {
    await pg.close();
  }
  process.exit(0);
}

/** The init process logs through its parent's logger (level, redaction), over the IPC channel. */
function parentLogger(): Logger {
  const send = (level: 'debug' | 'info' | 'warn' | 'error') => (event: string, fields?: LogFields) => process.send?.({ log: level, event, fields });
  return { debug: send('debug'), info: send('info'), warn: send('warn'), error: send('error') };
}
