// Runs statements on PGlite inside its worker: one pipelined extended-protocol round per statement, and named
// (prepared) statements for texts seen again, so that a repeated statement is parsed and analysed once.
import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';

/** What a statement answers across the thread boundary (structured-clone safe). */
export interface WireResults {
  rows: unknown[];
  fields: { name: string; dataTypeID: number }[];
  affectedRows?: number;
  command?: string;
}

export interface WireQueryOptions {
  rowMode?: 'array' | 'object';
  /** Types returned as the database's text (drizzle reads timestamps, dates and intervals itself). */
  rawTypes?: number[];
}

/** Texts prepared at most; past this, statements run unnamed (drizzle's `IN (...)` lists make many texts). */
const MAX_PREPARED = 256;
/** A text is prepared the second time it is seen; the first counts, and this many counts are kept at most. */
const MAX_SEEN = 4096;

/**
 * Parameters travel as text with unspecified types, so the server infers them from the statement, as it does for
 * node-postgres (the same SQL runs on both storages). This is node-postgres's `prepareValue`, but dates in UTC.
 */
export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return '\\x' + Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value as number | boolean | bigint);
}

function arrayLiteral(values: unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayLiteral(v);
    const text = toText(v)!;
    return '"' + text.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  });
  return '{' + items.join(',') + '}';
}

function concat(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const identity = (value: unknown) => value;

export class StatementRunner {
  private readonly prepared = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  /** The default parsers with the caller's raw types, merged once per set (parseResults would copy them per call). */
  private readonly parserSets = new Map<string, Record<number, (value: string) => unknown>>();
  private nextName = 0;

  constructor(private readonly pg: PGlite) {}

  get preparedCount(): number {
    return this.prepared.size;
  }

  async query(text: string, params: unknown[], options: WireQueryOptions = {}): Promise<WireResults> {
    let name = this.prepared.get(text);
    let preparing = false;
    if (name === undefined && this.prepared.size < MAX_PREPARED) {
      const count = (this.seen.get(text) ?? 0) + 1;
      if (count >= 2) {
        name = `s${this.nextName++}`;
        preparing = true;
        this.seen.delete(text);
      } else {
        if (this.seen.size >= MAX_SEEN) this.seen.clear();
        this.seen.set(text, count);
      }
    }
    try {
      return await this.run(text, params, options, name, preparing);
    } catch (err) {
      // A statement prepared before a schema change can no longer describe its result: forget it, run unnamed.
      if (name !== undefined && !preparing && (err as { code?: string }).code === '0A000') {
        this.prepared.delete(text);
        return this.run(text, params, options, undefined, false);
      }
      throw err;
    }
  }

  private async run(text: string, params: unknown[], options: WireQueryOptions, name: string | undefined, preparing: boolean): Promise<WireResults> {
    const s = protocol.serialize;
    const parts: Uint8Array[] = [];
    if (name === undefined || preparing) parts.push(s.parse({ text, ...(name ? { name } : {}) }));
    parts.push(s.bind({ values: params.map(toText), ...(name ? { statement: name } : {}) }), s.describe({ type: 'P' }), s.execute({}), s.sync());
    // syncToFs is a no-op for the node and memory file systems this worker opens: writes go straight through.
    const { messages } = await this.pg.execProtocol(concat(parts), { syncToFs: false, throwOnError: false });
    if (preparing && messages.some((m) => m.name === 'parseComplete')) this.prepared.set(text, name!);
    const failure = messages.find((m) => m.name === 'error');
    if (failure) throw failure;
    const [result] = parse.parseResults(messages, this.parsersFor(options.rawTypes ?? []), { rowMode: options.rowMode ?? 'object' }) as Results[];
    return {
      rows: result?.rows ?? [],
      fields: result?.fields ?? [],
      ...(result?.affectedRows !== undefined ? { affectedRows: result.affectedRows } : {}),
    };
  }

  private parsersFor(rawTypes: number[]): Record<number, (value: string) => unknown> {
    const key = rawTypes.join(',');
    let parsers = this.parserSets.get(key);
    if (!parsers) {
      parsers = { ...this.pg.parsers };
      for (const t of rawTypes) parsers[t] = identity;
      this.parserSets.set(key, parsers);
    }
    return parsers;
  }
}
