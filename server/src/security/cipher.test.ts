import { randomBytes, randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './cipher.js';
import { keyIdOf } from './secrets.js';

const hex = () => randomBytes(32).toString('hex');
const randomLetters = () => Array.from({ length: 16 }, () => 'abcdefghijklmnopqrstuvwxyz'[randomInt(26)]).join('');

describe('field cipher', () => {
  it('round-trips text and never stores it in the clear', () => {
    const k = hex();
    const cipher = createFieldCipher(new Map([[keyIdOf(k), Buffer.from(k, 'hex')]]), keyIdOf(k));
    // An unguessable marker: a short phrase says nothing, since base64url spells any short string now and then.
    const secret = randomLetters();
    const plaintext = `he said he would find me ${secret}`;
    const stored = cipher.encrypt(plaintext);
    expect(stored.split(':')[1]).toBe(keyIdOf(k));
    expect(cipher.decrypt(stored)).toBe(plaintext);
    expect(stored.startsWith(plaintext)).toBe(false);
    expect(stored.toLowerCase()).not.toContain(secret);
    // Not merely encoded: no part of it decodes to the text without the key.
    for (const part of stored.split(':')) {
      for (const encoding of ['base64url', 'hex'] as const) expect(Buffer.from(part, encoding).includes(secret)).toBe(false);
    }
    // Keyed: the same value under another key with the same id does not decrypt.
    const other = hex();
    expect(() => createFieldCipher(new Map([[keyIdOf(k), Buffer.from(other, 'hex')]]), keyIdOf(k)).decrypt(stored)).toThrow();
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it('refuses a tampered ciphertext', () => {
    const k = hex();
    const cipher = createFieldCipher(new Map([[keyIdOf(k), Buffer.from(k, 'hex')]]), keyIdOf(k));
    const parts = cipher.encrypt('hello').split(':');
    const ct = Buffer.from(parts[4]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    parts[4] = ct.toString('base64url');
    expect(() => cipher.decrypt(parts.join(':'))).toThrow();
  });

  it('decrypts with an older key after rotation and reports what needs re-encrypting', () => {
    const oldKey = hex();
    const newKey = hex();
    const before = createFieldCipher(new Map([[keyIdOf(oldKey), Buffer.from(oldKey, 'hex')]]), keyIdOf(oldKey));
    const stored = before.encrypt('old words');
    const keys = new Map([
      [keyIdOf(oldKey), Buffer.from(oldKey, 'hex')],
      [keyIdOf(newKey), Buffer.from(newKey, 'hex')],
    ]);
    const after = createFieldCipher(keys, keyIdOf(newKey));
    expect(after.decrypt(stored)).toBe('old words');
    expect(after.needsRotation(stored)).toBe(true);
    expect(after.needsRotation(after.encrypt('new'))).toBe(false);
  });
});
