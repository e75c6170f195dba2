// The demo's staff: two volunteers, a moderator and an admin with fresh passwords (and second factors) on every demo start.
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Role, VolunteerGender } from '@beside/shared';
import type { Db } from '../../db/connect.js';
import { staff } from '../../db/schema.js';
import type { FieldCipher } from '../../security/cipher.js';
import { hashPassword } from '../../security/passwords.js';
import { totpUri } from '../../security/totp.js';
import type { Clock } from '../core/clock.js';
import { createStaff } from './accounts.js';
import { enableTotpWithSecret, requiresTwoFactor } from './twoFactor.js';

export interface DemoLogin {
  role: Role;
  email: string;
  password: string;
  /** Moderators and admins: the TOTP secret (also as an otpauth URI) and a few one-time recovery codes. */
  totpSecret?: string;
  otpauthUri?: string;
  recoveryCodes?: string[];
}

/**
 * Seeds (or resets) two demo volunteers, a moderator and an admin, with new passwords on every start; the moderator and
 * admin get a new TOTP secret too, since they cannot sign in without a second factor.
 */
export async function seedDemoStaff(db: Db, clock: Clock, cipher: FieldCipher): Promise<DemoLogin[]> {
  const people: { role: Role; email: string; displayName: string; gender: VolunteerGender }[] = [
    { role: 'volunteer', email: 'volunteer@demo.beside.local', displayName: 'Sam', gender: 'woman' },
    // A second volunteer, so that a transfer can be tried without inviting anyone.
    { role: 'volunteer', email: 'volunteer2@demo.beside.local', displayName: 'Riley', gender: 'man' },
    { role: 'moderator', email: 'moderator@demo.beside.local', displayName: 'Alex', gender: 'unspecified' },
    { role: 'admin', email: 'admin@demo.beside.local', displayName: 'Jo', gender: 'unspecified' },
  ];
  const logins: DemoLogin[] = [];
  for (const p of people) {
    const password = `demo-${randomBytes(6).toString('hex')}`;
    const [existing] = await db.select().from(staff).where(eq(staff.email, p.email)).limit(1);
    let id: string;
    if (existing) {
      await db.update(staff).set({ passwordHash: await hashPassword(password), status: 'active' }).where(eq(staff.id, existing.id));
      id = existing.id;
    } else {
      const row = await createStaff(db, clock, {
        email: p.email,
        password,
        role: p.role,
        displayName: p.displayName,
        languages: ['en', 'es'],
        topics: ['workplace', 'sexual_assault', 'partner_family', 'childhood', 'supporting_someone', 'other'],
        capacity: 2,
        gender: p.gender,
        trainedAt: clock.now(),
      });
      id = row.id;
    }
    const login: DemoLogin = { role: p.role, email: p.email, password };
    if (requiresTwoFactor(p.role)) {
      const { secret, recoveryCodes } = await enableTotpWithSecret(db, clock, cipher, id);
      Object.assign(login, { totpSecret: secret, otpauthUri: totpUri(secret, p.email), recoveryCodes: recoveryCodes.slice(0, 3) });
    }
    logins.push(login);
  }
  return logins;
}
