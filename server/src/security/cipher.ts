// AES-256-GCM field encryption; each ciphertext names the key that made it so keys can rotate.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface FieldCipher {
  encrypt(plaintext: string): string;
  decrypt(stored: string): string;
  /** True when the value was made with a key other than the current one. */
  needsRotation(stored: string): boolean;
}

const VERSION = 'v1';

/** Format: `v1:<keyId>:<iv b64url>:<tag b64url>:<ciphertext b64url>`. */
export function createFieldCipher(keys: Map<string, Buffer>, currentKeyId: string): FieldCipher {
  const current = keys.get(currentKeyId);
  if (!current || current.length !== 32) throw new Error('The current data key must be 32 bytes');
  return {
    encrypt(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', current, iv);
      const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return [VERSION, currentKeyId, iv.toString('base64url'), tag.toString('base64url'), ct.toString('base64url')].join(':');
    },
    decrypt(stored) {
      const [version, keyId, iv, tag, ct] = stored.split(':');
      if (version !== VERSION || !keyId || iv === undefined || tag === undefined || ct === undefined) {
        throw new Error('Unrecognised ciphertext format');
      }
      const key = keys.get(keyId);
      if (!key) throw new Error(`No data key with id ${keyId}`);
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(ct, 'base64url')), decipher.final()]).toString('utf8');
    },
    needsRotation(stored) {
      return stored.split(':')[1] !== currentKeyId;
    },
  };
}
