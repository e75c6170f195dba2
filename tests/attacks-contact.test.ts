// Attacks on the contact-details guard: a volunteer who writes a phone number, an address or a link in disguise
// (invisible characters, other scripts' digits and letters, odd separators) is held back exactly as in plain
// writing, over the real socket, and a display name cannot carry contact details to survivors either.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InviteCreated } from '@beside/shared';
import { collect, ok, sleep } from './helpers/clients.js';
import { pair, say, type Pair } from './helpers/moderation.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { TEST_JWT_SECRET, http } from './helpers/staffAuth.js';

const ZW = '\u200b';
/** The obfuscations the attack pass got through, and their neighbours. */
const DISGUISED = [
  `5${ZW}5${ZW}5${ZW}1${ZW}2${ZW}3${ZW}4${ZW}5${ZW}6${ZW}7`,
  `call 555\u2060123\u200d4567`,
  'رقمي ٥٥٥ ١٢٣ ٤٥٦٧',
  '۵۵۵۱۲۳۴۵۶۷',
  '५५५ १२३ ४५६७',
  '৫৫৫ ১২৩ ৪৫৬৭',
  '５５５１２３４５６７',
  '𝟓𝟓𝟓 𝟏𝟐𝟑 𝟒𝟓𝟔𝟕',
  'my number 555/123/4567',
  '555_123_4567',
  '555•123•4567',
  '5.5.5.1.2.3.4.5.6.7',
  'text 8o5 555 o1o9',
  'robin.helps@gmail.сом',
  'jоhn.dое@gmаil.com',
  'robin＠gmail.com',
  'robin [at] gmail [dot] com',
  'robin at gmail dot com',
  `rob${ZW}in@gm${ZW}ail.com`,
  't。me/robinhelps',
  't．me/robinhelps',
  'wa｡me/15551234567',
  'instagram·com/robin.helps',
  'discord(.)gg/robin',
  'ｔ.ｍｅ/robinhelps',
  'find me @rоbin_helps',
  'my snap is robin_helps',
];

let server: TestServer;
let chat: Pair;

beforeAll(async () => {
  server = await startTestServer({ env: { JWT_SECRET: TEST_JWT_SECRET } });
  chat = await pair(server);
});
afterAll(async () => {
  await chat?.close();
  await server?.stop();
});

describe('contact details in disguise, sent by a volunteer', () => {
  it('holds back every one of them: the survivor receives nothing and nothing is stored', async () => {
    const atSurvivor = collect(chat.visitor.socket, 'message:new');
    const delivered: string[] = [];
    for (const body of DISGUISED) {
      const ack = await say(chat.volunteer.socket, chat.conversation.id, body);
      if (ack.ok) delivered.push(body);
      else expect(ack.error, body).toMatchObject({ code: 'invalid', field: 'body', details: { reason: 'contact_details' } });
    }
    expect(delivered).toEqual([]);
    await sleep(300);
    expect(atSurvivor).toHaveLength(0);
    expect(await ok(chat.visitor.socket, 'messages:since', { conversationId: chat.conversation.id, afterSeq: 0 })).toHaveLength(0);
  });

  it('still delivers ordinary words in other scripts and with foreign digits', async () => {
    // Another chat: the first used most of its volunteer's message budget for these ten seconds.
    const other = await pair(server, 'Kim');
    for (const body of ['el ١٢/٠٥/٢٠٢٣ fue la primera vez', 'I’m here — take your time', 'Зачем? no pasa nada', 'call ٩٨٨ or 1-800-656-4673']) {
      const ack = await say(other.volunteer.socket, other.conversation.id, body);
      expect(ack.ok ? 'sent' : JSON.stringify(ack.error), body).toBe('sent');
    }
    await other.close();
  });
});

describe('contact details in a display name', () => {
  const disguisedNames = [`Robin 5${ZW}5${ZW}5 1${ZW}2${ZW}3 4${ZW}5${ZW}6${ZW}7`, 'Robin ٥٥٥١٢٣٤٥٦٧', 'Robin 555/123/4567', 'robin@gmail.сом', 'Robin t。me/robinhelps'];

  it('refuses a disguised one when an admin renames a volunteer', async () => {
    const admin = server.tokenFor(await server.addStaff({ role: 'admin' }));
    const volunteer = await server.addStaff({ displayName: 'Sam' });
    for (const displayName of disguisedNames) {
      const res = await http(server, 'PATCH', `/api/staff/${volunteer.id}`, { token: admin, body: { displayName } });
      expect(res.status, displayName).toBe(400);
      expect(res.body.error, displayName).toMatchObject({ code: 'invalid', field: 'displayName' });
    }
  });

  it('refuses a disguised one chosen on accepting an invitation', async () => {
    const admin = server.tokenFor(await server.addStaff({ role: 'admin' }));
    const created = await http<InviteCreated>(server, 'POST', '/api/staff/invites', { token: admin, body: { email: `disguise-${Date.now()}@test.local`, role: 'volunteer' } });
    for (const displayName of disguisedNames) {
      const res = await http(server, 'POST', '/api/invites/accept', {
        body: { token: created.body.token, password: 'lantern-orchard-71-quietly', displayName, languages: ['en'], topics: [], capacity: 1, gender: 'unspecified' },
      });
      expect(res.status, displayName).toBe(400);
    }
  });
});
