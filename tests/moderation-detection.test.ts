// Automatic detection through the real server: contact details held back or warned about, crisis, abuse.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RISK_STEP_CODES, type ContactKind, type FlagQueueItem, type RiskAlert, type RiskBanner, type SafetyNotice } from '@beside/shared';
import { conversations } from '../server/src/db/schema.js';
import { io } from 'socket.io-client';
import { collect, intake, newVisitor, next, ok, onShiftVolunteer, request, sleep, type ClientSocket } from './helpers/clients.js';
import { marker } from './helpers/marker.js';
import { audit, moderator, pair, queue, recordAll, say, sayOk } from './helpers/moderation.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let mod: Awaited<ReturnType<typeof moderator>>;
beforeAll(async () => {
  server = await startTestServer();
  mod = await moderator(server);
});
afterAll(async () => {
  mod?.socket.close();
  await server?.stop();
});

async function riskOf(conversationId: string): Promise<string | undefined> {
  const [row] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, conversationId));
  return row?.risk;
}

describe('contact details', () => {
  it("holds a volunteer's message back with an explanation: nothing stored, nothing delivered, the attempt audited without its text", async () => {
    const p = await pair(server);
    const atSurvivor = collect(p.visitor.socket, 'message:new');
    // Each attempt carries an unguessable marker: the audit entries hold ids and millisecond times, where a short
    // fragment such as '555' turns up by chance (it did: `…45.555Z`).
    const m = marker('held');
    const attempts: [string, ContactKind[]][] = [
      [`Text me on 555 123 4567 later ${m}`, ['phone']],
      [`my insta is robin.helps ${m}`, ['social_handle']],
      [`what's your phone number? ${m}`, ['request']],
      [`see www.robin-notes.net ${m}`, ['link']],
    ];
    for (const [body, kinds] of attempts) {
      const ack = await say(p.volunteer.socket, p.conversation.id, body);
      expect(ack.ok).toBe(false);
      if (ack.ok) continue;
      expect(ack.error).toMatchObject({ code: 'invalid', field: 'body' });
      // Why, for the console to word in its own language; the message is the English fallback.
      expect(ack.error.details).toEqual({ reason: 'contact_details', kinds });
      expect(ack.error.message).toMatch(/not sent/i);
      expect(ack.error.message).toMatch(/boundary/i);
    }
    await sleep(300);
    expect(atSurvivor).toHaveLength(0);
    const stored = await ok(p.visitor.socket, 'messages:since', { conversationId: p.conversation.id, afterSeq: 0 });
    expect(stored).toHaveLength(0);

    const log = await audit(server, mod.token, `action=message.held_back&targetId=${p.conversation.id}`);
    expect(log.entries).toHaveLength(4);
    expect(log.entries[0]).toMatchObject({ actorId: p.staff.id, actorRole: 'volunteer', targetType: 'conversation' });
    // The attempt is audited by its kind only: the details are exactly a reason and kind names, and no part of any
    // attempt (the marker, the whole number in either form, the handle, the site) is anywhere in the entries.
    const kind = '(phone|email|social_handle|link|request)';
    for (const e of log.entries) expect(e.details).toEqual({ reason: 'contact_details', kinds: expect.stringMatching(new RegExp(`^${kind}(,${kind})*$`)) });
    const text = JSON.stringify(log.entries);
    for (const leak of [m, '555 123 4567', '5551234567', 'robin.helps', 'robin-notes', "what's your phone"]) expect(text).not.toContain(leak);
    await p.close();
  });

  it('lets a volunteer point to support lines and sites from the resources directory', async () => {
    const p = await pair(server);
    const delivered = next(p.visitor.socket, 'message:new');
    const sent = await sayOk(p.volunteer.socket, p.conversation.id, 'You can call RAINN at 800-656-4673 any time, or visit https://www.rainn.org');
    expect((await delivered).id).toBe(sent.id);
    await p.close();
  });

  it("sends a survivor's contact details, with a gentle safety note to the survivor alone", async () => {
    const p = await pair(server);
    const volunteerHears = recordAll(p.volunteer.socket);
    const notice = next(p.visitor.socket, 'safety:notice');
    const atVolunteer = next(p.volunteer.socket, 'message:new');
    const sent = await sayOk(p.visitor.socket, p.conversation.id, 'you can reach me at jo.rivers@gmail.com');
    expect((await atVolunteer).body).toBe('you can reach me at jo.rivers@gmail.com');
    const n = (await notice) as SafetyNotice;
    // A code only: the survivor's page words the note in the language it shows.
    expect(n).toEqual({ conversationId: p.conversation.id, messageId: sent.id, kind: 'contact_details' });
    await sleep(300);
    expect(volunteerHears.map((e) => e.event)).not.toContain('safety:notice');
    // An ordinary message brings no note.
    const notes = collect(p.visitor.socket, 'safety:notice');
    await sayOk(p.visitor.socket, p.conversation.id, 'he kept calling my phone at night');
    await sleep(300);
    expect(notes).toHaveLength(0);
    await p.close();
  });
});

describe('crisis language from the survivor', () => {
  it('marks the conversation high-risk once, alerts the moderators live, and shows only the volunteer the banner', async () => {
    const p = await pair(server);
    const survivorHears = recordAll(p.visitor.socket);
    const alerts = collect(mod.socket, 'risk:alert');
    const banners = collect(p.volunteer.socket, 'risk:banner');

    // Negated and idiomatic: nothing happens.
    await sayOk(p.visitor.socket, p.conversation.id, "I'm not suicidal, I just need to talk");
    await sayOk(p.visitor.socket, p.conversation.id, 'this week is killing me');
    await sleep(400);
    expect(alerts.filter((a) => a.conversationId === p.conversation.id)).toHaveLength(0);
    expect(await riskOf(p.conversation.id)).toBe('normal');

    const alert = next(mod.socket, 'risk:alert', (a) => a.conversationId === p.conversation.id);
    const banner = next(p.volunteer.socket, 'risk:banner');
    const said = marker('crisis');
    await sayOk(p.visitor.socket, p.conversation.id, `I don't want to be alive anymore ${said}`);
    const a = (await alert) as RiskAlert;
    expect(a).toMatchObject({ volunteerId: p.staff.id, volunteerName: 'Robin', kinds: ['suicide'], topic: 'workplace' });
    expect(JSON.stringify(a)).not.toContain(said);
    expect(JSON.stringify(a)).not.toMatch(/alive/);
    const b = (await banner) as RiskBanner;
    expect(b.conversationId).toBe(p.conversation.id);
    expect(b.steps).toEqual([...RISK_STEP_CODES]);
    expect(b.resources.map((r) => r.phone)).toEqual(expect.arrayContaining(['911', '988']));
    expect(await riskOf(p.conversation.id)).toBe('high');

    // A second crisis message does not alert again; the survivor never hears any of it.
    await sayOk(p.visitor.socket, p.conversation.id, 'I have been cutting myself');
    await sleep(400);
    expect(alerts.filter((x) => x.conversationId === p.conversation.id)).toHaveLength(1);
    expect(banners).toHaveLength(1);
    expect(survivorHears.map((e) => e.event).filter((e) => e.startsWith('risk') || e.startsWith('flag'))).toEqual([]);

    const log = await audit(server, mod.token, `action=conversation.risk_raised&targetId=${p.conversation.id}`);
    expect(log.entries).toHaveLength(1);
    expect(log.entries[0]!.details).toMatchObject({ kinds: 'suicide', source: 'detector' });
    await p.close();
  });

  it('shows the banner again to a volunteer who reconnects during a high-risk chat', async () => {
    const p = await pair(server);
    const banner = next(p.volunteer.socket, 'risk:banner');
    await sayOk(p.visitor.socket, p.conversation.id, 'he is outside my door right now');
    expect((await banner).kinds).toEqual(['immediate_danger']);
    p.volunteer.socket.close();
    // Listening before the connection opens: the banner comes right after the handshake.
    const again: ClientSocket = io(server.url, { auth: { token: p.volunteer.token }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
    const repeat = next(again, 'risk:banner', (x) => x.conversationId === p.conversation.id);
    again.connect();
    expect((await repeat).steps).toEqual([...RISK_STEP_CODES]);
    again.close();
    await p.close();
  });
});

describe('a Spanish chat', () => {
  it('gets the risk protocol as step codes, with the crisis lines in Spanish, and system lines as codes', async () => {
    const staff = await server.addStaff({ languages: ['es'], displayName: 'Lucía' });
    const volunteer = await onShiftVolunteer(server.url, staff);
    const visitor = await newVisitor(server.url);
    const started = next(visitor.socket, 'conversation:started');
    await ok(visitor.socket, 'queue:join', intake({ language: 'es' }));
    const conversation = await started;
    const banner = next(volunteer.socket, 'risk:banner');
    await sayOk(visitor.socket, conversation.id, 'ya no quiero vivir');
    const b = await banner;
    // The console words the steps in the staff member's language, so nothing in it mixes two languages.
    expect(b.steps).toEqual([...RISK_STEP_CODES]);
    expect(b).not.toHaveProperty('protocol');
    // The resources are content: the Spanish entries of the directory.
    expect(b.resources.map((r) => r.name)).toEqual(expect.arrayContaining(['Emergencias: 911', '988 Línea de Prevención del Suicidio y Crisis']));
    // A supervisor joining is a code too: the survivor's page words it in Spanish, or in English if they switch.
    const line = next(visitor.socket, 'message:new', (m) => m.sender === 'system');
    await ok(mod.socket, 'supervision:observe', { conversationId: conversation.id });
    expect(await line).toMatchObject({ kind: 'system', system: { code: 'supervisor_joined' } });
    await ok(mod.socket, 'supervision:leave', { conversationId: conversation.id });
    await request(visitor.socket, 'conversation:end', { conversationId: conversation.id });
    visitor.socket.close();
    volunteer.socket.close();
  });
});

describe('abuse aimed at the volunteer', () => {
  it('flags the conversation automatically, once per reason, with the messages to highlight and no content in the queue', async () => {
    const p = await pair(server);
    const flagsSeen = collect(mod.socket, 'flag:new');
    // A survivor describing what was done to them is not abuse.
    await sayOk(p.visitor.socket, p.conversation.id, 'he called me a stupid bitch in front of everyone');
    await sleep(300);
    expect(flagsSeen.filter((f) => f.conversationId === p.conversation.id)).toHaveLength(0);

    const first = next(mod.socket, 'flag:new', (f) => f.conversationId === p.conversation.id);
    const said = marker('abuse');
    const m1 = await sayOk(p.visitor.socket, p.conversation.id, `send me nudes ${said}`);
    const flag = (await first) as FlagQueueItem;
    expect(flag).toMatchObject({ source: 'auto', reason: 'sexual_content', severity: 3, raisedBy: { role: 'system' }, status: 'open' });
    expect(JSON.stringify(flag)).not.toContain(said);
    expect(JSON.stringify(flag)).not.toContain('nudes');

    const m2 = await sayOk(p.visitor.socket, p.conversation.id, 'what are you wearing right now?');
    await sleep(300);
    expect(flagsSeen.filter((f) => f.conversationId === p.conversation.id)).toHaveLength(1);
    const item = (await queue(server, mod.token)).find((f) => f.id === flag.id)!;
    expect(item.highlightedMessages).toBe(2);
    const [row] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, p.conversation.id));
    expect(row!.underReview).toBe(true);

    const abusive = next(mod.socket, 'flag:new', (f) => f.conversationId === p.conversation.id);
    await sayOk(p.visitor.socket, p.conversation.id, 'fuck you');
    expect((await abusive).reason).toBe('abusive_language');
    expect([m1.id, m2.id]).toHaveLength(2);
    await p.close();
  });
});
