import { describe, expect, it } from 'vitest';
import { passwordPolicyError } from './passwords.js';

describe('the password policy', () => {
  it('refuses short, listed, repeated, sequential and common-word-plus-digits passwords', () => {
    for (const p of ['short', 'elevenchars', 'password1234', 'PASSWORD1234', 'qwertyuiop123', 'zzzzzzzzzzzz', '123456789012',
      'abcdefghijklmn', 'Welcome2024!!', '!!beside2026', 'volunteer12345']) {
      expect(passwordPolicyError(p), p).toBeDefined();
    }
  });

  it('accepts long passphrases and random strings', () => {
    for (const p of ['lantern-orchard-71-quietly', 'copper kettle sings', 'x7#Lq9!vR2@m', '839274619283']) {
      expect(passwordPolicyError(p), p).toBeUndefined();
    }
  });
});
