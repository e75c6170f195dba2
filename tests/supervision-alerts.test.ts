// Every sign of danger raises the same kind of alert, through the real server: the intake's danger answer (at once,
// and again when nobody free takes the urgent survivor in time), crisis words, the volunteer's own mark, a help
// request; one card per conversation that survives a reload; acknowledged with a reason, never dismissed; and an
// imminent chat that the volunteer cannot close alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertView, AuditResponse, LiveOverview } from '@beside/shared';
import { connect, getJson, intake, login, newVisitor, next, ok, postJson, request, sleep } from './helpers/clients.js';
import { marker } from './helpers/marker.js';
import { audit, moderator, pair, sayOk } from './helpers/moderation.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ env: { URGENT_WAIT_ALERT_SECONDS: '1' } });
});
afterAll(async () => {
  await server?.stop();
});

async function liveAlerts(token: string): Promise<AlertView[]> {
  const res = await getJson<LiveOverview>(server.url, '/api/moderation/live', token);
  expect(res.status).toBe(200);
  return res.body.alerts;
}

describe('the intake danger answer', () => {
  it('alerts at once while the survivor waits, again when nobody free takes them in time, and follows them into the chat with the protocol', async () => {
    const mod = await moderator(server, 'moderator', 'Alex');
    const survivor = await newVisitor(server.url);
    const raised = next(mod.socket, 'alert:raised', (a) => a.kinds.includes('intake_danger'));
    await ok(survivor.socket, 'queue:join', intake({ inDanger: true, topic: 'sexual_assault', language: 'es' }));
    const alert = await raised;
    expect(alert).toMatchObject({ kinds: ['intake_danger'], imminent: true, status: 'open', topic: 'sexual_assault', language: 'es', urgent: true });
    expect(alert.queueEntryId).toBeTruthy();
    expect(alert.conversationId).toBeUndefined();
    expect(JSON.stringify(alert)).not.toContain(survivor.visitorId);

    // Nobody is free: after the configured wait the same card says so, and a reload shows it.
    const waited = await next(mod.socket, 'alert:raised', (a) => a.id === alert.id && a.kinds.includes('urgent_waiting'), 8000);
    expect(waited.kinds).toEqual(['intake_danger', 'urgent_waiting']);
    expect((await liveAlerts(mod.token)).filter((a) => a.id === alert.id)).toMatchObject([{ kinds: ['intake_danger', 'urgent_waiting'] }]);

    // A volunteer comes on shift: the card names them, and they get the imminent-danger protocol on match.
    const staff = await server.addStaff({ displayName: 'Sam', languages: ['es'] });
    const matchedCard = next(mod.socket, 'alert:updated', (a) => a.id === alert.id && !!a.conversationId);
    const startedForSurvivor = next(survivor.socket, 'conversation:started');
    // Listening before going on shift: the match (and the banner) can follow the shift at once.
    const { accessToken } = await login(server.url, staff.email, staff.password);
    const volunteer = { socket: await connect(server.url, accessToken) };
    const banner = next(volunteer.socket, 'risk:banner');
    await ok(volunteer.socket, 'shift:set', { onShift: true });
    const started = await startedForSurvivor;
    expect(await matchedCard).toMatchObject({ conversationId: started.id, volunteerName: 'Sam', kinds: ['intake_danger', 'urgent_waiting'] });
    expect(await banner).toMatchObject({ conversationId: started.id, imminent: true, kinds: ['immediate_danger'], signs: expect.arrayContaining(['intake_danger']) });

    // Imminent and unacknowledged: the volunteer cannot end it alone without saying why.
    const refused = await request(volunteer.socket, 'conversation:end', { conversationId: started.id });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'imminent_unacknowledged' } } });
    // The survivor's own way out is never held back.
    const closed = next(mod.socket, 'alert:closed', (c) => c.id === alert.id);
    await ok(survivor.socket, 'conversation:end', { conversationId: started.id });
    expect((await closed).id).toBe(alert.id);
    expect((await liveAlerts(mod.token)).some((a) => a.id === alert.id)).toBe(false);
    survivor.socket.close();
    volunteer.socket.close();
    mod.socket.close();
  });

  it('closes the waiting card when the survivor leaves by quick exit', async () => {
    const mod = await moderator(server, 'moderator', 'Alex');
    const survivor = await newVisitor(server.url);
    const raised = next(mod.socket, 'alert:raised', (a) => a.kinds.includes('intake_danger'));
    await ok(survivor.socket, 'queue:join', intake({ inDanger: true }));
    const alert = await raised;
    const exit = await postJson(server.url, '/api/visitor/exit', { token: survivor.token });
    expect(exit.status).toBe(204);
    expect((await liveAlerts(mod.token)).some((a) => a.id === alert.id)).toBe(false);
    survivor.socket.close();
    mod.socket.close();
  });
});

describe('one card per conversation', () => {
  it('gathers crisis words, the volunteer asking for help and their own mark on one card that survives a reload', async () => {
    const mod = await moderator(server, 'moderator', 'Alex');
    const p = await pair(server, 'Sam');
    const raised = next(mod.socket, 'alert:raised', (a) => a.conversationId === p.conversation.id);
    const said = marker('overdose');
    await sayOk(p.visitor.socket, p.conversation.id, `I don't want to be alive anymore ${said}`);
    const first = await raised;
    expect(first).toMatchObject({ kinds: ['crisis'], crisisKinds: ['suicide'], imminent: true, volunteerName: 'Sam', topic: 'workplace' });
    expect(JSON.stringify(first)).not.toContain(said);

    await ok(p.volunteer.socket, 'help:request', { conversationId: p.conversation.id });
    const marked = await ok(p.volunteer.socket, 'risk:mark', { conversationId: p.conversation.id, imminent: true });
    expect(marked).toMatchObject({ id: first.id, kinds: ['crisis', 'help_request', 'volunteer_marked'] });

    // A reload of the console: still one card with every kind and the crisis kind.
    const cards = (await liveAlerts(mod.token)).filter((a) => a.conversationId === p.conversation.id);
    expect(cards).toHaveLength(1);
    expect(cards[0]).toMatchObject({ id: first.id, kinds: ['crisis', 'help_request', 'volunteer_marked'], crisisKinds: ['suicide'], imminent: true, status: 'open' });
    // Raising the same sign again changes nothing.
    await sayOk(p.visitor.socket, p.conversation.id, 'I want to die');
    await sleep(300);
    expect((await liveAlerts(mod.token)).filter((a) => a.conversationId === p.conversation.id)).toHaveLength(1);
    mod.socket.close();
    await p.close();
  });
});

describe('acknowledging', () => {
  it('names who took the alert and why, in the audit log; then the volunteer can end the chat', async () => {
    const mod = await moderator(server, 'moderator', 'Alex');
    const p = await pair(server, 'Sam');
    const card = await ok(p.volunteer.socket, 'risk:mark', { conversationId: p.conversation.id, imminent: true });
    expect(card).toMatchObject({ kinds: ['volunteer_marked'], imminent: true, status: 'open' });

    // The payload is checked, and only supervisors acknowledge.
    expect(await request(mod.socket, 'alert:acknowledge', { alertId: card.id, reason: 'because' } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid', field: 'reason' },
    });
    expect(await request(p.volunteer.socket, 'alert:acknowledge', { alertId: card.id, reason: 'observing' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    const updated = next(mod.socket, 'alert:updated', (a) => a.id === card.id);
    const acked = await ok(mod.socket, 'alert:acknowledge', { alertId: card.id, reason: 'volunteer_has_it' });
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledgedByName: 'Alex', ackReason: 'volunteer_has_it' });
    expect((await updated).status).toBe('acknowledged');
    const log: AuditResponse = await audit(server, mod.token, '?action=alert.acknowledged');
    expect(log.entries.find((e) => e.targetId === card.id)).toMatchObject({ actorId: mod.id, details: { reason: 'volunteer_has_it' } });

    // Acknowledged by a supervisor: the volunteer may end it.
    expect(await request(p.volunteer.socket, 'conversation:end', { conversationId: p.conversation.id })).toMatchObject({ ok: true });
    mod.socket.close();
    await p.close();
  });

  it('lets the volunteer end an imminent chat alone only by saying why, which is recorded', async () => {
    const mod = await moderator(server, 'moderator', 'Alex');
    const p = await pair(server, 'Sam');
    const card = await ok(p.volunteer.socket, 'risk:mark', { conversationId: p.conversation.id, imminent: true });
    expect(await request(p.volunteer.socket, 'conversation:end', { conversationId: p.conversation.id, imminentReason: 'maybe' } as never)).toMatchObject({
      ok: false,
      error: { code: 'invalid', field: 'imminentReason' },
    });
    expect(await request(p.volunteer.socket, 'conversation:end', { conversationId: p.conversation.id })).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const ended = await ok(p.volunteer.socket, 'conversation:end', { conversationId: p.conversation.id, imminentReason: 'emergency_services' });
    expect(ended).toMatchObject({ conversationId: p.conversation.id, endedBy: 'volunteer' });
    const log: AuditResponse = await audit(server, mod.token, '?action=alert.ended_alone');
    expect(log.entries.find((e) => e.targetId === card.id)).toMatchObject({ actorId: p.staff.id, details: { reason: 'emergency_services' } });
    mod.socket.close();
    await p.close();
  });

  it('a high-risk mark that is not imminent never holds the ending; another volunteer cannot mark a chat', async () => {
    const p = await pair(server, 'Sam');
    const other = await pair(server, 'Kim');
    expect(await request(other.volunteer.socket, 'risk:mark', { conversationId: p.conversation.id, imminent: false })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    expect(await ok(p.volunteer.socket, 'risk:mark', { conversationId: p.conversation.id, imminent: false })).toMatchObject({ imminent: false });
    expect(await request(p.volunteer.socket, 'conversation:end', { conversationId: p.conversation.id })).toMatchObject({ ok: true });
    await p.close();
    await other.close();
  });
});
