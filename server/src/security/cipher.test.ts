import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createFieldCipher } from './cipher.js';
import { keyIdOf } from './secrets.js';

const hex = () => randomBytes(32).toString('hex');

describe('field cipher', () => {
  it('round-trips text and never stores it in the clear', () => {
    const k = hex();
    const cipher = createFieldCipher(new Map([[keyIdOf(k), Buffer.from(k, 'hex')]]), keyIdOf(k));
    const stored = cipher.encrypt('he said he would find me');
    expect(stored).not.toContain('find me');
    expect(stored.split(':')[1]).toBe(keyIdOf(k));
    expect(cipher.decrypt(stored)).toBe('he said he would find me');
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
