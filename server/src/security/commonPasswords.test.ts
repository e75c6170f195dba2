import { describe, expect, it } from 'vitest';
import { passwordPolicyError } from './passwords.js';

describe('the password policy', () => {
  it('refuses short, listed, repeated, sequential and common-word-plus-digits passwords', () => {
    for (const p of ['short', 'elevenchars', 'password1234', 'PASSWORD1234', 'qwertyuiop123', 'zzzzzzzzzzzz', '123456789012',
      'abcdefghijklmn', 'Welcome2024!!', '!!beside2026', 'volunteer12345']) {
      expect(passwordPolicyError(p), p).toBeDefined();
    }
  });

  it('refuses the policy-shaped passwords breach lists try first: a season, a month or one word, a year, symbols', () => {
    for (const p of ['Summer2025!!', 'summer2025!!', 'Winter2026!!', 'January2026!', 'Friday123456', 'Bluebird2025!!', 'Autumn-2025-!']) {
      expect(passwordPolicyError(p), p).toBeDefined();
    }
  });

  it("refuses a password built on the account's own e-mail or name", () => {
    const personal = ['robin.hughes@shelter.example', 'Robin Hughes'];
    for (const p of ['robin.hughes@shelter.example', 'Robin.Hughes@Shelter.Example1', 'robin.hughes-quietly-71', 'shelter-orchard-71', 'hughes lantern orchard']) {
      expect(passwordPolicyError(p, personal), p).toBeDefined();
    }
    expect(passwordPolicyError('lantern-orchard-71-quietly', personal)).toBeUndefined();
  });

  it('accepts long passphrases and random strings', () => {
    for (const p of ['lantern-orchard-71-quietly', 'copper kettle sings', 'x7#Lq9!vR2@m', '839274619283']) {
      expect(passwordPolicyError(p), p).toBeUndefined();
    }
  });
});
