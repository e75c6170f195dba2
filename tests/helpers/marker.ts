// Unguessable markers for absence checks: random letters that no id, timestamp, hash or ciphertext holds by chance.
import { randomInt } from 'node:crypto';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * `count` random lowercase letters (26^16 ≈ 4·10^22 by default). Letters only: digits or hex could hold seven
 * digits in a row, which the contact-detail screen rightly holds back as a phone number when a volunteer sends it.
 */
export function randomLetters(count = 16): string {
  if (count < 12) throw new Error('A marker needs at least 12 random letters to be unguessable');
  let out = '';
  for (let i = 0; i < count; i++) out += LETTERS[randomInt(LETTERS.length)];
  return out;
}

/** A marker to put in a message, note or secret and then look for: `prefix-` and 16 random letters. */
export function marker(prefix: string): string {
  return `${prefix}-${randomLetters()}`;
}
