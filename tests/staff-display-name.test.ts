// A display name reaches survivors: one holding contact details is refused wherever it is set (invite, admin edit).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteCreated, StaffAccount } from '@beside/shared';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, http } from './helpers/staffAuth.js';

let server: TestServer;
let adminToken: string;

beforeAll(async () => {
  server = await startTestServer({ env: { JWT_SECRET: TEST_JWT_SECRET } });
  adminToken = server.tokenFor(await server.addStaff({ role: 'admin' }));
});
afterAll(async () => {
  await server?.stop();
});

const WITH_CONTACT = ['Robin 555 123 4567', 'robin.helps@gmail.com', 'Robin | t.me/robinhelps', 'Robin (snap: robin_22)', 'Robin ５５５１２３４５６７', 'Robin @robin.helps'];
const profile = { languages: ['en'], topics: [], capacity: 1, gender: 'unspecified' };

describe('display names', () => {
  it('refuses contact details in a name chosen on accepting an invitation, and the invitation stays usable', async () => {
    const email = `named-${Date.now()}@test.local`;
    const created = await http<InviteCreated>(server, 'POST', '/api/staff/invites', { token: adminToken, body: { email, role: 'volunteer' } });
    expect(created.status).toBe(201);
    for (const displayName of WITH_CONTACT) {
      const res = await http(server, 'POST', '/api/invites/accept', {
        body: { token: created.body.token, password: 'lantern-orchard-71-quietly', displayName, ...profile },
      });
      expect(res.status, displayName).toBe(400);
      expect(res.body.error, displayName).toMatchObject({ code: 'invalid', field: 'displayName' });
    }
    const accepted = await http<StaffAccount>(server, 'POST', '/api/invites/accept', {
      body: { token: created.body.token, password: 'lantern-orchard-71-quietly', displayName: 'Ana-María R.', ...profile },
    });
    expect(accepted.status).toBe(201);
    expect(accepted.body.displayName).toBe('Ana-María R.');
  });

  it('refuses contact details when an admin renames someone, and keeps the old name', async () => {
    const volunteer = await server.addStaff({ displayName: 'Sam' });
    for (const displayName of WITH_CONTACT) {
      const res = await http(server, 'PATCH', `/api/staff/${volunteer.id}`, { token: adminToken, body: { displayName } });
      expect(res.status, displayName).toBe(400);
      expect(res.body.error, displayName).toMatchObject({ code: 'invalid', field: 'displayName' });
    }
    const fine = await http<StaffAccount>(server, 'PATCH', `/api/staff/${volunteer.id}`, { token: adminToken, body: { displayName: 'Sam J.' } });
    expect(fine.status).toBe(200);
    expect(fine.body.displayName).toBe('Sam J.');
  });
});
