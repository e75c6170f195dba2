import { describe, expect, it } from 'vitest';
import { checkTotp, currentTotp, newTotpSecret, totpUri } from './totp.js';

describe('TOTP', () => {
  const secret = newTotpSecret();
  const now = new Date('2026-03-02T10:00:10Z');

  it('accepts the current code and the neighbouring steps, and nothing further out', () => {
    expect(checkTotp(secret, currentTotp(secret, now), now, null)).toBeDefined();
    expect(checkTotp(secret, currentTotp(secret, new Date(now.getTime() - 30_000)), now, null)).toBeDefined();
    expect(checkTotp(secret, currentTotp(secret, new Date(now.getTime() + 30_000)), now, null)).toBeDefined();
    expect(checkTotp(secret, currentTotp(secret, new Date(now.getTime() - 90_000)), now, null)).toBeUndefined();
    expect(checkTotp(newTotpSecret(), currentTotp(secret, now), now, null)).toBeUndefined();
  });

  it('refuses a code whose time step was already used, or an older one', () => {
    const step = checkTotp(secret, currentTotp(secret, now), now, null)!;
    expect(checkTotp(secret, currentTotp(secret, now), now, step)).toBeUndefined();
    expect(checkTotp(secret, currentTotp(secret, new Date(now.getTime() - 30_000)), now, step)).toBeUndefined();
    expect(checkTotp(secret, currentTotp(secret, new Date(now.getTime() + 30_000)), now, step)).toBe(step + 1);
  });

  it('builds an otpauth URI an authenticator app understands', () => {
    expect(totpUri(secret, 'sam@example.org')).toBe(
      `otpauth://totp/Beside:sam%40example.org?issuer=Beside&secret=${secret}&algorithm=SHA1&digits=6&period=30`,
    );
  });
});
