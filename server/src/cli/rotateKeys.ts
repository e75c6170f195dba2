// `npm run rotate-keys`: re-encrypts every stored ciphertext under the current data key, so old keys can be retired.
import { pathToFileURL } from 'node:url';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../config.js';
import { openStorage, rowsOf, type Db } from '../db/connect.js';
import { recordAudit } from '../domain/core/audit.js';
import { systemClock, type Clock } from '../domain/core/clock.js';
import { createLogger, errorFields } from '../logger.js';
import { createFieldCipher, type FieldCipher } from '../security/cipher.js';
import { forgetPreviousFileDataKeys, resolveSecrets, rotateFileDataKey } from '../security/secrets.js';

export interface ColumnReport {
  table: string;
  column: string;
  /** Values re-encrypted under the current key by this run. */
  rotated: number;
  /** Values no configured key can decrypt (left as they are). */
  unreadable: number;
}

export interface RotationReport {
  currentKeyId: string;
  columns: ColumnReport[];
  /** After the run: how many values each key id still protects, over all encrypted columns. */
  keyUse: Record<string, number>;
}

const BATCH = 500;

/**
 * Every encrypted column in the schema: by the project's convention, a text column named `*_enc`
 * (`messages.body_enc`, private notes, hand-off notes). New encrypted columns are picked up without changes here.
 */
async function encryptedColumns(db: Db): Promise<{ table: string; column: string }[]> {
  return rowsOf<{ table_name: string; column_name: string }>(
    await db.execute(sql`
      SELECT c.table_name, c.column_name
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
        AND c.column_name LIKE '%\_enc' AND c.data_type = 'text'
      ORDER BY c.table_name, c.column_name`),
  ).map((r) => ({ table: r.table_name, column: r.column_name }));
}

/**
 * Re-encrypts, under the cipher's current key, every value made with another key. Safe while the service
 * runs (PostgreSQL): each row is rewritten only if it still holds the value that was read, and rows are
 * walked once in physical order, so new writes (already under the current key) are never touched.
 */
export async function reencryptAll(db: Db, cipher: FieldCipher, currentKeyId: string): Promise<RotationReport> {
  const prefix = `v1:${currentKeyId}:`;
  const columns: ColumnReport[] = [];
  for (const { table, column } of await encryptedColumns(db)) {
    const t = sql.identifier(table);
    const c = sql.identifier(column);
    const report: ColumnReport = { table, column, rotated: 0, unreadable: 0 };
    let after = '(0,0)';
    for (;;) {
      const batch = rowsOf<{ tid: string; value: string }>(
        await db.execute(sql`
          SELECT ctid::text AS tid, ${c} AS value FROM ${t}
          WHERE ${c} IS NOT NULL AND left(${c}, ${prefix.length}) <> ${prefix} AND ctid > ${after}::tid
          ORDER BY ctid LIMIT ${BATCH}`),
      );
      if (batch.length === 0) break;
      for (const row of batch) {
        let plaintext: string;
        try {
          plaintext = cipher.decrypt(row.value);
        } catch {
          report.unreadable += 1;
          continue;
        }
        const updated = rowsOf<{ ok: number }>(
          await db.execute(sql`
            UPDATE ${t} SET ${c} = ${cipher.encrypt(plaintext)}
            WHERE ctid = ${row.tid}::tid AND ${c} = ${row.value}
            RETURNING 1 AS ok`),
        );
        report.rotated += updated.length;
      }
      after = batch[batch.length - 1]!.tid;
    }
    columns.push(report);
  }
  const keyUse: Record<string, number> = {};
  for (const { table, column } of columns) {
    const counts = rowsOf<{ key_id: string; n: number | string }>(
      await db.execute(sql`
        SELECT split_part(${sql.identifier(column)}, ':', 2) AS key_id, count(*) AS n
        FROM ${sql.identifier(table)} WHERE ${sql.identifier(column)} IS NOT NULL GROUP BY 1`),
    );
    for (const { key_id, n } of counts) keyUse[key_id] = (keyUse[key_id] ?? 0) + Number(n);
  }
  return { currentKeyId, columns, keyUse };
}

export interface RotateOptions {
  /** Embedded mode: generate a new data key in secrets.json first (the old one is kept to decrypt). */
  newKey: boolean;
  /** Embedded mode: afterwards drop previous keys from secrets.json that no value uses any more. */
  forgetPrevious: boolean;
}

/** The command: resolves keys as the server does, rotates, reports; exit code 0 only if every value is readable. */
export async function runRotateKeys(
  env: NodeJS.ProcessEnv,
  opts: RotateOptions,
  out: (line: string) => void,
  clock: Clock = systemClock,
): Promise<number> {
  const config = loadConfig(env, []);
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const keyFromFile = !config.secrets.dataKeyHex;
  if ((opts.newKey || opts.forgetPrevious) && !keyFromFile) {
    out('DATA_KEY is set, so the key is not kept in secrets.json: to rotate, set DATA_KEY to the new key and');
    out('DATA_KEYS_PREVIOUS to the old one on every node, restart them, then run this command without options.');
    return 1;
  }
  if (opts.newKey) {
    const { oldKeyId, newKeyId } = rotateFileDataKey(config.dataDir);
    out(`Generated a new data key ${newKeyId} (the previous key ${oldKeyId} still decrypts).`);
  }
  const secrets = resolveSecrets(config.dataDir, config.secrets);
  const cipher = createFieldCipher(secrets.dataKeys, secrets.currentKeyId);
  const storage = await openStorage(config.database, logger);
  try {
    const report = await reencryptAll(storage.db, cipher, secrets.currentKeyId);
    const rotated = report.columns.reduce((n, c) => n + c.rotated, 0);
    const unreadable = report.columns.reduce((n, c) => n + c.unreadable, 0);
    out(`Current data key: ${report.currentKeyId}`);
    for (const c of report.columns) {
      out(`  ${c.table}.${c.column}: ${c.rotated} re-encrypted${c.unreadable ? `, ${c.unreadable} unreadable` : ''}`);
    }
    const oldInUse = Object.entries(report.keyUse).filter(([id]) => id !== report.currentKeyId);
    for (const [id, n] of oldInUse) out(`  key ${id} still protects ${n} value(s)`);
    const retired = [...secrets.dataKeys.keys()].filter((id) => id !== report.currentKeyId && !report.keyUse[id]);
    if (retired.length > 0) {
      if (opts.forgetPrevious) {
        const forgotten = forgetPreviousFileDataKeys(config.dataDir, retired);
        if (forgotten.length > 0) out(`Forgot previous key(s) ${forgotten.join(', ')}: nothing needs them any more.`);
      } else {
        const how = keyFromFile ? 'run again with --forget-previous to drop them' : 'remove them from DATA_KEYS_PREVIOUS';
        out(`No value uses key(s) ${retired.join(', ')} any more; ${how}.`);
      }
    }
    await recordAudit(storage.db, clock, {
      actorId: null,
      actorRole: 'system',
      action: 'keys.rotated',
      details: { currentKeyId: report.currentKeyId, rotated, unreadable },
    });
    if (unreadable > 0) {
      out(`${unreadable} value(s) could not be decrypted with any configured key; add the missing key to DATA_KEYS_PREVIOUS.`);
      return 2;
    }
    return 0;
  } finally {
    await storage.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = new Set(process.argv.slice(2));
  const unknown = [...args].filter((a) => a !== '--new-key' && a !== '--forget-previous');
  if (unknown.length > 0) {
    process.stderr.write(`Unknown option ${unknown[0]}. Usage: rotate-keys [--new-key] [--forget-previous]\n`);
    process.exit(64);
  }
  runRotateKeys(process.env, { newKey: args.has('--new-key'), forgetPrevious: args.has('--forget-previous') }, (l) =>
    process.stdout.write(l + '\n'),
  ).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`rotate-keys failed: ${String(errorFields(err).detail ?? errorFields(err).error)}\n`);
      process.exit(1);
    },
  );
}
