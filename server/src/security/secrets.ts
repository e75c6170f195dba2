// Resolves the server's secrets: from configuration, or generated once under DATA_DIR with mode 0600.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface Secrets {
  jwtSecret: string;
  /** Field-encryption keys by id; `currentKeyId` encrypts, all decrypt. */
  dataKeys: Map<string, Buffer>;
  currentKeyId: string;
  ipHashSecret: string;
}

interface SecretsFile {
  jwtSecret: string;
  dataKeyHex: string;
  ipHashSecret: string;
  /** Keys a rotation (`rotate-keys --new-key`) replaced: they still decrypt until forgotten. */
  previousDataKeysHex?: string[];
}

/** Reads `secrets.json` under dataDir, creating it (0600) on first start; configured values win. */
export function resolveSecrets(
  dataDir: string,
  configured: { jwtSecret?: string; dataKeyHex?: string; ipHashSecret?: string; previousDataKeysHex?: string[] },
  previousDataKeysHex: string[] = configured.previousDataKeysHex ?? [],
): Secrets {
  let file: SecretsFile | undefined;
  const needFile = !configured.jwtSecret || !configured.dataKeyHex || !configured.ipHashSecret;
  if (needFile) file = readOrCreateSecretsFile(dataDir);
  const dataKeyHex = configured.dataKeyHex ?? file!.dataKeyHex;
  const dataKeys = new Map<string, Buffer>();
  // A generated key's predecessors live in the same file; a configured key's come from DATA_KEYS_PREVIOUS.
  const filePrevious = configured.dataKeyHex ? [] : (file?.previousDataKeysHex ?? []);
  for (const hex of [...previousDataKeysHex, ...filePrevious, dataKeyHex]) dataKeys.set(keyIdOf(hex), Buffer.from(hex, 'hex'));
  return {
    jwtSecret: configured.jwtSecret ?? file!.jwtSecret,
    dataKeys,
    currentKeyId: keyIdOf(dataKeyHex),
    ipHashSecret: configured.ipHashSecret ?? file!.ipHashSecret,
  };
}

/** A short, stable, non-secret id for a key, recorded beside each ciphertext so keys can rotate. */
export function keyIdOf(hex: string): string {
  // Derived by a one-way hash; 8 hex characters are enough to tell keys apart and reveal nothing.
  return createHash('sha256').update('beside-key-id:' + hex.toLowerCase()).digest('hex').slice(0, 8);
}

function readOrCreateSecretsFile(dataDir: string): SecretsFile {
  const file = path.join(dataDir, 'secrets.json');
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as SecretsFile;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const fresh: SecretsFile = {
    jwtSecret: randomBytes(48).toString('base64url'),
    dataKeyHex: randomBytes(32).toString('hex'),
    ipHashSecret: randomBytes(48).toString('base64url'),
  };
  // 'wx' so that two processes starting at once never overwrite each other's keys.
  try {
    fs.writeFileSync(file, JSON.stringify(fresh, null, 2), { mode: 0o600, flag: 'wx' });
    return fresh;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return JSON.parse(fs.readFileSync(file, 'utf8')) as SecretsFile;
    throw err;
  }
}

/**
 * Embedded mode's key rotation: a new generated data key becomes current and the old one is kept as a
 * previous key (it still decrypts) until `forgetPreviousFileDataKeys`. Only for keys kept in secrets.json.
 */
export function rotateFileDataKey(dataDir: string): { oldKeyId: string; newKeyId: string } {
  const current = readOrCreateSecretsFile(dataDir);
  const fresh = randomBytes(32).toString('hex');
  writeSecretsFile(dataDir, {
    ...current,
    dataKeyHex: fresh,
    previousDataKeysHex: [current.dataKeyHex, ...(current.previousDataKeysHex ?? [])],
  });
  return { oldKeyId: keyIdOf(current.dataKeyHex), newKeyId: keyIdOf(fresh) };
}

/** Drops previous data keys (by id) from secrets.json, once no ciphertext needs them. */
export function forgetPreviousFileDataKeys(dataDir: string, keyIds: string[]): string[] {
  const current = readOrCreateSecretsFile(dataDir);
  const previous = current.previousDataKeysHex ?? [];
  const kept = previous.filter((hex) => !keyIds.includes(keyIdOf(hex)));
  writeSecretsFile(dataDir, { ...current, previousDataKeysHex: kept });
  return previous.filter((hex) => keyIds.includes(keyIdOf(hex))).map(keyIdOf);
}

/** Replaces secrets.json atomically (write a 0600 temporary file, then rename), so a crash never leaves half a key. */
function writeSecretsFile(dataDir: string, contents: SecretsFile): void {
  const file = path.join(dataDir, 'secrets.json');
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(contents, null, 2), { mode: 0o600, flag: 'wx' });
  fs.renameSync(tmp, file);
}
