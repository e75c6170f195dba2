// The end of a chat: the volunteer's wrap-up (tags, risk, a private encrypted note) and the survivor's survey.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type {
  AuditResponse,
  
  EarlierNotesResponse,
  ModeratorWrapUpResponse,
  
  PendingWrapUpsResponse,
  SurveyAnswer,
  WrapUpView,
} from '@beside/shared';
import { ManualClock } from '../server/src/domain/core/clock.js';
import { getJson, intake, next, ok, onShiftVolunteer, postJson, request, sleep } from './helpers/clients.js';
import { expectSealed, marker, startChat, query, visitorFrom, type Chat } from './helpers/privacy.js';
import { startTestServer, type TestServer } from './helpers/server.js';

const HOUR = 3_600_000;
const HIGH_RISK_COOLDOWN_SECONDS = 900;
const clock = new ManualClock(new Date('2026-04-06T10:00:00Z'));
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ clock, env: { HIGH_RISK_COOLDOWN_SECONDS: String(HIGH_RISK_COOLDOWN_SECONDS) } });
});
afterAll(async () => {
  await server?.stop();
});

type Volunteer = Chat['volunteer'] & { staffId: string };

async function volunteerOnShift(displayName: string): Promise<Volunteer> {
  const staff = await server.addStaff({ displayName });
  const v = await onShiftVolunteer(server.url, staff);
  return { ...v, staffId: staff.id };
}

/** A chat with this volunteer, ended by the survivor; the volunteer then stops taking new chats. */
async function endedChat(volunteer: Volunteer): Promise<Chat> {
  await ok(volunteer.socket, 'shift:set', { onShift: true, accepting: true });
  const chat = await startChat(server, volunteer);
  await ok(volunteer.socket, 'shift:set', { onShift: true, accepting: false });
  await ok(chat.visitor.socket, 'conversation:end', { conversationId: chat.conversation.id });
  return chat;
}

const wrapUp = (conversationId: string, body: unknown, token: string) =>
  postJson<WrapUpView & { error?: { code: string; field?: string; message: string } }>(
    server.url,
    `/api/conversations/${conversationId}/wrap-up`,
    body,
    token,
  );

const survey = (conversationId: string, body: unknown, token: string) =>
  postJson<SurveyAnswer & { error?: { code: string; field?: string } }>(server.url, `/api/conversations/${conversationId}/survey`, body, token);

async function rowOf<T>(statement: ReturnType<typeof sql>): Promise<T | undefined> {
  return (await query<T>(server.ctx.db, statement))[0];
}

async function auditActions(conversationId: string): Promise<string[]> {
  const rows = await query<{ action: string }>(
    server.ctx.db,
    sql`SELECT action FROM audit_log WHERE target_id = ${conversationId} ORDER BY id`,
  );
  return rows.map((r) => r.action);
}

describe('the volunteer wraps up a chat that ended', () => {
  it('with topic tags, a risk level and a private note kept encrypted, once', async () => {
    const volunteer = await volunteerOnShift('Robin');
    const chat = await endedChat(volunteer);
    const id = chat.conversation.id;
    const secret = marker('wrapup');
    const note = `Mentioned a manager named Sam; may come back after talking to HR. ${secret}`;
    const res = await wrapUp(id, { topics: ['workplace', 'other'], risk: 'medium', note, noteFor: 'next_volunteer' }, volunteer.token);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      conversationId: id,
      volunteerId: volunteer.staffId,
      volunteerName: 'Robin',
      topics: ['workplace', 'other'],
      risk: 'medium',
      hasNote: true,
      noteFor: 'next_volunteer',
      note,
      markedHighRisk: false,
      createdAt: clock.now().toISOString(),
    });

    // At rest the note is ciphertext of the field cipher: it decrypts to the note with the data key, and shows none of it.
    const stored = await rowOf<{ note_enc: string }>(sql`SELECT note_enc FROM wrap_up_notes WHERE conversation_id = ${id}`);
    expectSealed(server, stored!.note_enc, note, secret);
    expect(server.ctx.cipher.decrypt(stored!.note_enc)).toBe(note);

    // Once: a second wrap-up is refused and changes nothing.
    const again = await wrapUp(id, { topics: ['childhood'], risk: 'low' }, volunteer.token);
    expect(again.status).toBe(409);
    const mine = await getJson<{ wrapUp: WrapUpView }>(server.url, `/api/conversations/${id}/wrap-up`, volunteer.token);
    expect(mine.body.wrapUp).toMatchObject({ topics: ['workplace', 'other'], risk: 'medium', note });

    const actions = await auditActions(id);
    expect(actions).toContain('wrap_up.submitted');
    expect(actions).not.toContain('conversation.risk_raised');
    chat.visitor.socket.close();
    volunteer.socket.close();
  });

  it('only by the conversation\'s volunteer, only after it ended, with a valid body', async () => {
    const volunteer = await volunteerOnShift('Kai');
    const other = await volunteerOnShift('Lee');
    await ok(other.socket, 'shift:set', { onShift: true, accepting: false });
    await ok(volunteer.socket, 'shift:set', { onShift: true, accepting: true });
    const chat = await startChat(server, volunteer);
    const id = chat.conversation.id;
    const body = { topics: ['sexual_assault'], risk: 'low' };

    const early = await wrapUp(id, body, volunteer.token);
    expect(early.status).toBe(409);
    expect(early.body.error!.message).toMatch(/end the chat first/i);
    await ok(chat.visitor.socket, 'conversation:end', { conversationId: id });

    expect((await wrapUp(id, body, other.token)).status).toBe(403);
    const moderator = server.tokenFor(await server.addStaff({ role: 'moderator' }));
    expect((await wrapUp(id, body, moderator)).status).toBe(403);
    expect((await wrapUp(id, body, chat.visitor.token)).status).toBe(401);
    expect((await wrapUp(id, body, undefined as unknown as string)).status).toBe(401);
    // An unknown conversation gets the same answer as someone else's.
    expect((await wrapUp('00000000-0000-4000-8000-000000000000', body, volunteer.token)).status).toBe(403);
    expect((await getJson(server.url, `/api/conversations/${id}/wrap-up`, other.token)).status).toBe(403);

    for (const [bad, field] of [
      [{ topics: [], risk: 'low' }, 'topics'],
      [{ topics: ['weather'], risk: 'low' }, 'topics.0'],
      [{ topics: ['workplace', 'workplace'], risk: 'low' }, 'topics'],
      [{ topics: ['workplace'], risk: 'severe' }, 'risk'],
      [{ topics: ['workplace'], risk: 'low', note: 'x'.repeat(2001) }, 'note'],
      [{ topics: ['workplace'], risk: 'low', noteFor: 'survivor' }, 'noteFor'],
    ] as const) {
      const res = await wrapUp(id, bad, volunteer.token);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error!.field).toBe(field);
    }
    // None of the refusals counted as the one wrap-up.
    expect((await wrapUp(id, body, volunteer.token)).status).toBe(201);
    chat.visitor.socket.close();
    volunteer.socket.close();
    other.socket.close();
  });

  it('lists the volunteer\'s ended chats of the last day that still need one', async () => {
    const volunteer = await volunteerOnShift('Ari');
    const first = await endedChat(volunteer);
    clock.advance(60_000);
    const second = await endedChat(volunteer);
    const pending = async () =>
      (await getJson<PendingWrapUpsResponse>(server.url, '/api/console/wrap-ups/pending', volunteer.token)).body.conversations.map(
        (c) => c.conversationId,
      );
    expect(await pending()).toEqual([second.conversation.id, first.conversation.id]);
    await wrapUp(second.conversation.id, { topics: ['workplace'], risk: 'low' }, volunteer.token);
    expect(await pending()).toEqual([first.conversation.id]);
    clock.advance(25 * HOUR);
    expect(await pending()).toEqual([]);
    for (const c of [first, second]) c.visitor.socket.close();
    volunteer.socket.close();
  });
});

describe('risk level high in a wrap-up', () => {
  it('marks the conversation high-risk and gives the volunteer the longer cool-down, counted from the end', async () => {
    const volunteer = await volunteerOnShift('Jo');
    const chat = await endedChat(volunteer);
    const endedAt = clock.now();
    clock.advance(2 * 60_000); // the wrap-up takes two minutes
    const state = next(volunteer.socket, 'volunteer:state', (s) => s.cooldownUntil !== undefined && Date.parse(s.cooldownUntil) > clock.now().getTime());
    const res = await wrapUp(chat.conversation.id, { topics: ['sexual_assault'], risk: 'high', note: 'Talked about not wanting to be here.' }, volunteer.token);
    expect(res.status).toBe(201);
    expect(res.body.markedHighRisk).toBe(true);
    const cooldownUntil = new Date(endedAt.getTime() + HIGH_RISK_COOLDOWN_SECONDS * 1000).toISOString();
    expect((await state).cooldownUntil).toBe(cooldownUntil);
    const conv = await rowOf<{ risk: string }>(sql`SELECT risk FROM conversations WHERE id = ${chat.conversation.id}`);
    expect(conv!.risk).toBe('high');
    expect(await auditActions(chat.conversation.id)).toEqual(expect.arrayContaining(['wrap_up.submitted', 'conversation.risk_raised']));

    // Resting: a survivor who comes now waits, although this volunteer is on shift and accepting.
    await ok(volunteer.socket, 'shift:set', { onShift: true, accepting: true });
    const waiting = await visitorFrom(server.url);
    const status = await ok(waiting.socket, 'queue:join', intake());
    expect(status.state).toBe('waiting');
    await sleep(800); // several match sweeps
    expect((await ok(waiting.socket, 'session:state', {})).queue?.state).toBe('waiting');
    // Once the cool-down is over, they are matched.
    const started = next(waiting.socket, 'conversation:started');
    clock.advance(HIGH_RISK_COOLDOWN_SECONDS * 1000);
    expect((await started).volunteerName).toBe('Jo');
    await ok(volunteer.socket, 'shift:set', { onShift: true, accepting: false });
    const current = (await ok(waiting.socket, 'session:state', {})).conversations[0]!;
    await ok(waiting.socket, 'conversation:end', { conversationId: current.id });
    waiting.socket.close();
    chat.visitor.socket.close();
    volunteer.socket.close();
  });

  it('medium or low leaves the cool-down alone; high on a chat already high-risk changes nothing', async () => {
    const volunteer = await volunteerOnShift('Max');
    const chat = await endedChat(volunteer);
    const res = await wrapUp(chat.conversation.id, { topics: ['partner_family'], risk: 'medium' }, volunteer.token);
    expect(res.body.markedHighRisk).toBe(false);
    // The ordinary cool-down (0 s in tests) applies: the next survivor is matched at once.
    await ok(volunteer.socket, 'shift:set', { onShift: true, accepting: true });
    const nextChat = await startChat(server, volunteer);
    await ok(volunteer.socket, 'shift:set', { onShift: true, accepting: false });
    await server.ctx.db.execute(sql`UPDATE conversations SET risk = 'high' WHERE id = ${nextChat.conversation.id}`);
    await ok(nextChat.visitor.socket, 'conversation:end', { conversationId: nextChat.conversation.id });
    const before = await rowOf<{ cooldown_until: Date | string }>(sql`SELECT cooldown_until FROM volunteer_presence WHERE staff_id = ${volunteer.staffId}`);
    const high = await wrapUp(nextChat.conversation.id, { topics: ['partner_family'], risk: 'high' }, volunteer.token);
    expect(high.status).toBe(201);
    expect(high.body.markedHighRisk).toBe(false);
    const after = await rowOf<{ cooldown_until: Date | string }>(sql`SELECT cooldown_until FROM volunteer_presence WHERE staff_id = ${volunteer.staffId}`);
    expect(new Date(after!.cooldown_until).toISOString()).toBe(new Date(before!.cooldown_until).toISOString());
    expect(await auditActions(nextChat.conversation.id)).not.toContain('conversation.risk_raised');
    for (const c of [chat, nextChat]) c.visitor.socket.close();
    volunteer.socket.close();
  });
});

describe('who reads the private note', () => {
  it('the next volunteer of the same survivor reads a note left for them, never one left for the supervisor', async () => {
    const first = await volunteerOnShift('Sky');
    const chat = await endedChat(first);
    await wrapUp(chat.conversation.id, { topics: ['workplace'], risk: 'low', note: 'Prefers short messages.', noteFor: 'next_volunteer' }, first.token);

    // The same survivor (same tab) comes back and meets someone else.
    const second = await volunteerOnShift('Ren');
    const started = next(second.socket, 'conversation:started');
    await ok(chat.visitor.socket, 'queue:join', intake());
    const again = await started;
    await ok(second.socket, 'shift:set', { onShift: true, accepting: false });
    const notes = await getJson<EarlierNotesResponse>(server.url, `/api/conversations/${again.id}/earlier-notes`, second.token);
    expect(notes.status).toBe(200);
    expect(notes.body.notes).toEqual([
      expect.objectContaining({ conversationId: chat.conversation.id, authorName: 'Sky', note: 'Prefers short messages.', topics: ['workplace'], risk: 'low' }),
    ]);
    // Nobody else may ask, and the survivor never sees it.
    expect((await getJson(server.url, `/api/conversations/${again.id}/earlier-notes`, first.token)).status).toBe(403);
    expect((await getJson(server.url, `/api/conversations/${again.id}/earlier-notes`, chat.visitor.token)).status).toBe(401);

    // A note for the supervisor does not travel to the next volunteer.
    await ok(chat.visitor.socket, 'conversation:end', { conversationId: again.id });
    await wrapUp(again.id, { topics: ['workplace'], risk: 'medium', note: 'Please follow up on the HR question.', noteFor: 'supervisor' }, second.token);
    const third = await volunteerOnShift('Ode');
    const thirdStarted = next(third.socket, 'conversation:started');
    await ok(chat.visitor.socket, 'queue:join', intake());
    const latest = await thirdStarted;
    await ok(third.socket, 'shift:set', { onShift: true, accepting: false });
    const thirdNotes = await getJson<EarlierNotesResponse>(server.url, `/api/conversations/${latest.id}/earlier-notes`, third.token);
    expect(thirdNotes.body.notes.map((n) => n.note)).toEqual(['Prefers short messages.']);
    await ok(chat.visitor.socket, 'conversation:end', { conversationId: latest.id });
    for (const s of [chat.visitor.socket, first.socket, second.socket, third.socket]) s.close();
  });

  it('a moderator reads it through a flag or an escalation only, and each look is audited first', async () => {
    const volunteer = await volunteerOnShift('Noa');
    const chat = await endedChat(volunteer);
    const id = chat.conversation.id;
    await wrapUp(id, { topics: ['workplace'], risk: 'low', note: 'The survivor seemed upset with me at the end.' }, volunteer.token);
    const mod = await server.addStaff({ role: 'moderator', displayName: 'Mo' });
    const modToken = server.tokenFor(mod);
    const open = (body: unknown, token = modToken) =>
      postJson<ModeratorWrapUpResponse & { error?: { code: string; field?: string } }>(server.url, `/api/moderation/conversations/${id}/wrap-up`, body, token);

    expect((await open({ purpose: 'review_flag' })).status).toBe(403);
    expect((await open({ purpose: 'review_flag' }, volunteer.token)).status).toBe(403);
    expect(await auditActions(id)).not.toContain('wrap_up.opened');

    const flag = await ok(chat.visitor.socket, 'report:send', { conversationId: id, reason: 'disrespectful_or_judgemental' });
    const unnamed = await open({ purpose: 'review_flag' });
    expect(unnamed.status).toBe(400);
    expect(unnamed.body.error!.field).toBe('flagId');
    const read = await open({ flagId: flag.id, purpose: 'review_flag' });
    expect(read.status).toBe(200);
    expect(read.body.wrapUp).toMatchObject({ note: 'The survivor seemed upset with me at the end.', noteFor: 'supervisor', volunteerName: 'Noa' });

    const log = await getJson<AuditResponse>(server.url, `/api/moderation/audit?action=wrap_up.opened&targetId=${id}`, modToken);
    expect(log.body.entries).toEqual([
      expect.objectContaining({ actorId: mod.id, action: 'wrap_up.opened', details: expect.objectContaining({ flagId: flag.id, purpose: 'review_flag' }) }),
    ]);

    // A wrap-up marked high makes the conversation escalated: a supervisor may follow it up without a flag.
    const other = await endedChat(volunteer);
    await wrapUp(other.conversation.id, { topics: ['childhood'], risk: 'high', note: 'Please check in on this one.' }, volunteer.token);
    const followUp = await postJson<ModeratorWrapUpResponse>(
      server.url,
      `/api/moderation/conversations/${other.conversation.id}/wrap-up`,
      { purpose: 'risk_follow_up' },
      modToken,
    );
    expect(followUp.status).toBe(200);
    expect(followUp.body.wrapUp!.note).toBe('Please check in on this one.');
    chat.visitor.socket.close();
    other.visitor.socket.close();
    volunteer.socket.close();
  });
});

describe('the private note goes with the transcript', () => {
  it('deleted by the retention sweep; the tags and risk stay as a statistic', async () => {
    const volunteer = await volunteerOnShift('Ivy');
    const chat = await endedChat(volunteer);
    const id = chat.conversation.id;
    await wrapUp(id, { topics: ['childhood'], risk: 'medium', note: 'Spoke about an uncle.' }, volunteer.token);
    expect(await rowOf(sql`SELECT 1 AS one FROM wrap_up_notes WHERE conversation_id = ${id}`)).toBeDefined();

    clock.advance((server.config.privacy.retentionHours + 1) * HOUR);
    await server.retention.runOnce();
    const deleted = await rowOf<{ transcript_deleted_by: string }>(sql`SELECT transcript_deleted_by FROM conversations WHERE id = ${id}`);
    expect(deleted!.transcript_deleted_by).toBe('retention');
    expect(await rowOf(sql`SELECT 1 AS one FROM wrap_up_notes WHERE conversation_id = ${id}`)).toBeUndefined();
    const kept = await getJson<{ wrapUp: WrapUpView }>(server.url, `/api/conversations/${id}/wrap-up`, volunteer.token);
    expect(kept.body.wrapUp).toMatchObject({ topics: ['childhood'], risk: 'medium', hasNote: false });
    expect(kept.body.wrapUp.note).toBeUndefined();
    chat.visitor.socket.close();
    volunteer.socket.close();
  });

  it('deleted at once when the survivor deletes the conversation; no note can be added after that', async () => {
    const volunteer = await volunteerOnShift('Uma');
    const chat = await endedChat(volunteer);
    await wrapUp(chat.conversation.id, { topics: ['workplace'], risk: 'low', note: 'Will think about reporting.' }, volunteer.token);
    await ok(chat.visitor.socket, 'conversation:delete', { conversationId: chat.conversation.id });
    expect(await rowOf(sql`SELECT 1 AS one FROM wrap_up_notes WHERE conversation_id = ${chat.conversation.id}`)).toBeUndefined();

    const later = await endedChat(volunteer);
    await ok(later.visitor.socket, 'conversation:delete', { conversationId: later.conversation.id });
    const withNote = await wrapUp(later.conversation.id, { topics: ['workplace'], risk: 'low', note: 'Anything.' }, volunteer.token);
    expect(withNote.status).toBe(409);
    expect(withNote.body.error!.message).toMatch(/deleted/);
    expect((await wrapUp(later.conversation.id, { topics: ['workplace'], risk: 'low' }, volunteer.token)).status).toBe(201);
    for (const c of [chat, later]) c.visitor.socket.close();
    volunteer.socket.close();
  });
});

describe('the survivor\'s survey', () => {
  it('two optional questions, answered once by the survivor of an ended chat, with nothing free-text', async () => {
    const volunteer = await volunteerOnShift('Bea');
    await ok(volunteer.socket, 'shift:set', { onShift: true, accepting: true });
    const chat = await startChat(server, volunteer);
    await ok(volunteer.socket, 'shift:set', { onShift: true, accepting: false });
    const id = chat.conversation.id;
    const token = chat.visitor.token;

    expect((await survey(id, { feltHeard: 5 }, token)).status).toBe(409); // still going
    await ok(chat.visitor.socket, 'conversation:end', { conversationId: id });

    for (const [bad, field] of [
      [{}, 'feltHeard'],
      [{ feltHeard: 0 }, 'feltHeard'],
      [{ feltHeard: 6 }, 'feltHeard'],
      [{ feltHeard: 4.5 }, 'feltHeard'],
      [{ reachAgain: 'maybe' }, 'reachAgain'],
      [{ feltHeard: 4, comment: 'my name is…' }, undefined],
    ] as const) {
      const res = await survey(id, bad, token);
      expect(res.status, JSON.stringify(bad)).toBe(400);
      if (field) expect(res.body.error!.field).toBe(field);
    }
    expect((await survey(id, { feltHeard: 4 }, volunteer.token)).status).toBe(403);
    const stranger = await visitorFrom(server.url);
    expect((await survey(id, { feltHeard: 4 }, stranger.token)).status).toBe(403);
    stranger.socket.close();

    const answered = await survey(id, { feltHeard: 4, reachAgain: 'unsure' }, token);
    expect(answered.status).toBe(201);
    expect(answered.body).toEqual({ conversationId: id, feltHeard: 4, reachAgain: 'unsure' });
    expect((await survey(id, { reachAgain: 'yes' }, token)).status).toBe(409);
    const mine = await getJson<{ survey: SurveyAnswer }>(server.url, `/api/conversations/${id}/survey`, token);
    expect(mine.body.survey).toEqual({ conversationId: id, feltHeard: 4, reachAgain: 'unsure' });

    // Stored against the conversation only: no visitor id, no text column.
    const columns = await query<{ column_name: string }>(
      server.ctx.db,
      sql`SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'surveys' ORDER BY column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(['conversation_id', 'created_at', 'felt_heard', 'reach_again']);

    // One question is enough.
    const other = await endedChat(volunteer);
    const one = await survey(other.conversation.id, { reachAgain: 'yes' }, other.visitor.token);
    expect(one.body).toEqual({ conversationId: other.conversation.id, reachAgain: 'yes' });
    for (const c of [chat, other]) c.visitor.socket.close();
    volunteer.socket.close();
  });

  it('is not something the volunteer is told about', async () => {
    const volunteer = await volunteerOnShift('Cy');
    const chat = await endedChat(volunteer);
    const heard: string[] = [];
    volunteer.socket.onAny((event: string) => heard.push(event));
    await survey(chat.conversation.id, { feltHeard: 1, reachAgain: 'no' }, chat.visitor.token);
    await sleep(300);
    expect(heard.filter((e) => !['queue:summary', 'volunteer:state'].includes(e))).toEqual([]);
    const res = await request(volunteer.socket, 'session:state', {});
    expect(res.ok).toBe(true);
    chat.visitor.socket.close();
    volunteer.socket.close();
  });
});
