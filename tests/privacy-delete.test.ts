// The survivor deletes a conversation at the end of a chat: at once, only their own, only once it ended, never under review.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { newVisitor, next, ok, request } from './helpers/clients.js';
import { endChat, exchange, messageCount, onShift, query, startChat } from './helpers/privacy.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
}, 180_000); // starting embedded PostgreSQL (WASM) can be slow on a busy machine
afterAll(async () => {
  await server?.stop();
});

async function endedChat() {
  const chat = await startChat(server, await onShift(server));
  await exchange(chat, 'I want this gone afterwards', 'Of course, that is your choice');
  await endChat(chat);
  return chat;
}

describe('conversation:delete', () => {
  it('deletes an ended conversation at once and tells both sides; asking again answers the same', async () => {
    const chat = await endedChat();
    const volunteerTold = next(chat.volunteer.socket, 'conversation:transcript_deleted');
    const survivorTold = next(chat.visitor.socket, 'conversation:transcript_deleted');

    const deleted = await ok(chat.visitor.socket, 'conversation:delete', {
      conversationId: chat.conversation.id,
    });
    expect(deleted.conversationId).toBe(chat.conversation.id);
    expect(await volunteerTold).toEqual(deleted);
    expect(await survivorTold).toEqual(deleted);

    expect(await messageCount(server.ctx.db, chat.conversation.id)).toBe(0);
    const history = await ok(chat.visitor.socket, 'messages:since', { conversationId: chat.conversation.id, afterSeq: 0 });
    expect(history).toEqual([]);
    const [row] = await query<{ transcript_deleted_by: string }>(
      server.ctx.db,
      sql`SELECT transcript_deleted_by FROM conversations WHERE id = ${chat.conversation.id}`,
    );
    expect(row?.transcript_deleted_by).toBe('visitor');
    const audit = await query<{ actor_role: string }>(
      server.ctx.db,
      sql`SELECT actor_role FROM audit_log WHERE action = 'transcript.deleted_by_visitor' AND target_id = ${chat.conversation.id}`,
    );
    expect(audit).toEqual([{ actor_role: 'visitor' }]);

    const again = await ok(chat.visitor.socket, 'conversation:delete', {
      conversationId: chat.conversation.id,
    });
    expect(again).toEqual(deleted);
    chat.visitor.socket.close();
    chat.volunteer.socket.close();
  });

  it('refuses while the chat is still going', async () => {
    const chat = await startChat(server, await onShift(server));
    await exchange(chat, 'still talking', 'still here');
    const ack = await request(chat.visitor.socket, 'conversation:delete', { conversationId: chat.conversation.id });
    expect(ack).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(ack.ok ? '' : ack.error.message).toMatch(/end the chat first/i);
    expect(await messageCount(server.ctx.db, chat.conversation.id)).toBe(2);
    await endChat(chat);
    chat.visitor.socket.close();
    chat.volunteer.socket.close();
  });

  it('refuses a conversation under review, and tells the survivor why and when it will go', async () => {
    const chat = await endedChat();
    // The volunteer flags the conversation after it ended: it is now under review.
    await ok(chat.volunteer.socket, 'flag:raise', { conversationId: chat.conversation.id, reason: 'abusive_visitor' });
    const [flagged] = await query<{ under_review: boolean }>(
      server.ctx.db,
      sql`SELECT under_review FROM conversations WHERE id = ${chat.conversation.id}`,
    );
    expect(flagged?.under_review).toBe(true);

    const ack = await request(chat.visitor.socket, 'conversation:delete', { conversationId: chat.conversation.id });
    // A reason the page words itself (as the privacy page promises: kept while it is reviewed), and the hours.
    expect(ack).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'under_review', retentionHours: 72 } } });
    const message = ack.ok ? '' : ack.error.message;
    expect(message).toMatch(/being reviewed/i);
    expect(message).toMatch(/72 hours after the review is closed/);
    expect(await messageCount(server.ctx.db, chat.conversation.id)).toBe(2);

    // Once the review is closed, the survivor's delete goes through.
    await server.ctx.db.execute(
      sql`UPDATE conversations SET under_review = false, review_closed_at = now() WHERE id = ${chat.conversation.id}`,
    );
    await ok(chat.visitor.socket, 'conversation:delete', { conversationId: chat.conversation.id });
    expect(await messageCount(server.ctx.db, chat.conversation.id)).toBe(0);
    // The flag itself is the moderation record: it stays, without the transcript.
    const flags = await query<{ status: string }>(
      server.ctx.db,
      sql`SELECT status FROM flags WHERE conversation_id = ${chat.conversation.id}`,
    );
    expect(flags).toHaveLength(1);
    chat.visitor.socket.close();
    chat.volunteer.socket.close();
  });

  it('deletes a transferred chat whole: both parts, the hand-off note, and both volunteers are told', async () => {
    const first = await onShift(server);
    const chat = await startChat(server, first);
    await exchange(chat, 'part one, with the first volunteer', 'I will pass you to a colleague');
    const second = await onShift(server);
    const continued = next(chat.visitor.socket, 'conversation:started');
    const result = await ok(first.socket, 'conversation:transfer', {
      conversationId: chat.conversation.id,
      toVolunteerId: second.userId,
      note: 'hand-off note about the survivor',
    });
    const latest = await continued;
    expect(latest.id).toBe(result.newConversationId);
    await ok(chat.visitor.socket, 'message:send', { conversationId: latest.id, clientId: randomUUID(), body: 'part two' });
    await ok(chat.visitor.socket, 'conversation:end', { conversationId: latest.id });
    const handoffNotes = async () =>
      Number(
        (await query<{ n: number | string }>(server.ctx.db, sql`SELECT count(*) AS n FROM handoff_notes WHERE conversation_id = ${chat.conversation.id}`))[0]!.n,
      );
    expect(await handoffNotes()).toBe(1);

    const firstTold = next(first.socket, 'conversation:transcript_deleted');
    const secondTold = next(second.socket, 'conversation:transcript_deleted');
    const deleted = await ok(chat.visitor.socket, 'conversation:delete', { conversationId: latest.id });
    expect(deleted.conversationIds).toEqual([latest.id, chat.conversation.id]);
    expect(await firstTold).toEqual(deleted);
    expect(await secondTold).toEqual(deleted);
    expect(await messageCount(server.ctx.db, chat.conversation.id)).toBe(0);
    expect(await messageCount(server.ctx.db, latest.id)).toBe(0);
    expect(await handoffNotes()).toBe(0);
    first.socket.close();
    second.socket.close();
    chat.visitor.socket.close();
  });

  it('refuses the whole chat when an earlier part of it is under review', async () => {
    const first = await onShift(server);
    const chat = await startChat(server, first);
    await exchange(chat, 'before the transfer', 'passing you on');
    await ok(first.socket, 'flag:raise', { conversationId: chat.conversation.id, reason: 'boundary_problem' });
    const second = await onShift(server);
    const continued = next(chat.visitor.socket, 'conversation:started');
    await ok(first.socket, 'conversation:transfer', { conversationId: chat.conversation.id, toVolunteerId: second.userId });
    const latest = await continued;
    await ok(chat.visitor.socket, 'message:send', { conversationId: latest.id, clientId: randomUUID(), body: 'after it' });
    await ok(chat.visitor.socket, 'conversation:end', { conversationId: latest.id });

    const ack = await request(chat.visitor.socket, 'conversation:delete', { conversationId: latest.id });
    expect(ack).toMatchObject({ ok: false, error: { code: 'conflict', details: { reason: 'under_review' } } });
    expect(ack.ok ? '' : ack.error.message).toMatch(/being reviewed/);
    // Nothing was deleted, not even the part that is not under review.
    expect(await messageCount(server.ctx.db, latest.id)).toBe(1);
    expect(await messageCount(server.ctx.db, chat.conversation.id)).toBe(2);
    first.socket.close();
    second.socket.close();
    chat.visitor.socket.close();
  });

  it('is the survivor’s alone: the volunteer, another survivor, and unknown ids are refused', async () => {
    const chat = await endedChat();
    const byVolunteer = await request(chat.volunteer.socket, 'conversation:delete', { conversationId: chat.conversation.id });
    expect(byVolunteer).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const stranger = await newVisitor(server.url);
    const byStranger = await request(stranger.socket, 'conversation:delete', { conversationId: chat.conversation.id });
    const unknown = await request(stranger.socket, 'conversation:delete', { conversationId: randomUUID() });
    // The same answer for "not yours" and "does not exist".
    expect(byStranger).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(unknown).toEqual(byStranger);
    const malformed = await request(stranger.socket, 'conversation:delete', { conversationId: 'not-a-uuid' });
    expect(malformed).toMatchObject({ ok: false, error: { code: 'invalid', field: 'conversationId' } });

    expect(await messageCount(server.ctx.db, chat.conversation.id)).toBe(2);
    stranger.socket.close();
    chat.visitor.socket.close();
    chat.volunteer.socket.close();
  });
});
