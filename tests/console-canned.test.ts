// Canned responses: seeded in English and Spanish, searched by volunteers, written only by admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditResponse, CannedResponse, CannedResponsesResponse } from '@beside/shared';
import { getJson, postJson } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let admin: string;
let volunteer: string;
let moderatorToken: string;

beforeAll(async () => {
  server = await startTestServer();
  admin = server.tokenFor(await server.addStaff({ role: 'admin', displayName: 'Ada' }));
  volunteer = server.tokenFor(await server.addStaff({ displayName: 'Robin' }));
  moderatorToken = server.tokenFor(await server.addStaff({ role: 'moderator' }));
});
afterAll(async () => {
  await server?.stop();
});

async function search(query: string, token = volunteer) {
  const res = await getJson<CannedResponsesResponse>(server.url, `/api/canned-responses${query}`, token);
  expect(res.status).toBe(200);
  return res.body.responses;
}

async function send(method: 'PATCH' | 'DELETE' | 'POST', path: string, body: unknown, token: string) {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as CannedResponse & { error?: { code: string; field?: string } } };
}

describe('canned responses for volunteers', () => {
  it('come seeded with the essentials in English and in Spanish', async () => {
    const en = await search('?lang=en');
    const es = await search('?lang=es');
    expect(en.every((r) => r.language === 'en')).toBe(true);
    expect(es.every((r) => r.language === 'es')).toBe(true);
    const enBodies = en.map((r) => r.body).join('\n');
    expect(enBodies).toContain("I'm really glad you reached out");
    expect(enBodies).toContain('You are not to blame');
    expect(enBodies).toContain('Would you like some options for what you could do next?');
    expect(es.map((r) => r.body).join('\n')).toContain('no es tu culpa');
    // In the admins' order, each with a shortcut to type.
    expect(en[0]!.shortcut).toBe('glad');
    expect(en.map((r) => r.sortOrder)).toEqual([...en.map((r) => r.sortOrder)].sort((a, b) => a - b));
  });

  it('are searched by every word of the query, in title, body and tags, ignoring case and accents', async () => {
    const blame = await search('?q=BLAME&lang=en');
    expect(blame.map((r) => r.title)).toEqual(['You are not to blame']);
    // Two words must both appear; "next" and "options" are in one reply only.
    expect((await search('?q=options%20next&lang=en')).map((r) => r.shortcut)).toEqual(['options']);
    expect(await search('?q=options%20zebra&lang=en')).toEqual([]);
    // "estas a salvo" finds "¿Estás a salvo ahora?" without its accent.
    expect((await search('?q=estas%20salvo&lang=es')).map((r) => r.shortcut)).toEqual(['salvo']);
    // A tag alone is enough.
    expect((await search('?q=validation&lang=en')).map((r) => r.shortcut).sort()).toEqual(['blame', 'feelings']);
    // Without a language, both come back.
    const both = await search('?q=culpa');
    expect(both.map((r) => r.language)).toEqual(['es']);
    expect(new Set((await search('')).map((r) => r.language))).toEqual(new Set(['en', 'es']));
  });

  it('rank an exact shortcut (typed with or without its slash), then title matches, before the admins\' order', async () => {
    const extra = await send(
      'POST',
      '/api/admin/canned-responses',
      { language: 'en', title: 'A time to rest', body: 'Rest for a moment.', sortOrder: 0 },
      admin,
    );
    const bodyOnly = await send(
      'POST',
      '/api/admin/canned-responses',
      { language: 'en', title: 'Pause', body: 'Some time to pause is fine.', sortOrder: 1 },
      admin,
    );
    // By sort order alone the two new ones (0, 1) would come before "Take your time" (20).
    expect((await search('?q=%2Ftime&lang=en')).map((r) => r.title)).toEqual(['Take your time', 'A time to rest', 'Pause']);
    expect((await search('?q=time&lang=en')).map((r) => r.title)).toEqual(['Take your time', 'A time to rest', 'Pause']);
    await send('DELETE', `/api/admin/canned-responses/${extra.body.id}`, undefined, admin);
    await send('DELETE', `/api/admin/canned-responses/${bodyOnly.body.id}`, undefined, admin);
  });

  it('take LIKE wildcards in a query literally', async () => {
    expect(await search('?q=%25&lang=en')).toEqual([]);
    expect(await search('?q=_&lang=en')).toEqual([]);
  });

  it('need a staff token to search, and refuse a bad language', async () => {
    expect((await getJson(server.url, '/api/canned-responses')).status).toBe(401);
    const visitor = await postJson<{ token: string }>(server.url, '/api/visitor/session', undefined);
    expect((await getJson(server.url, '/api/canned-responses', visitor.body.token)).status).toBe(401);
    const bad = await getJson<{ error: { field: string } }>(server.url, '/api/canned-responses?lang=fr', volunteer);
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('lang');
  });
});

describe('admins manage canned responses', () => {
  it('create, edit and delete one; volunteers see each change; each is audited', async () => {
    const created = await send(
      'POST',
      '/api/admin/canned-responses',
      { language: 'en', title: 'Breathing together', body: 'Would it help to take a slow breath together?', tags: ['Grounding', 'calm', 'calm'], shortcut: 'breathe' },
      admin,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ language: 'en', title: 'Breathing together', tags: ['grounding', 'calm'], shortcut: 'breathe', sortOrder: 0 });
    expect((await search('?q=grounding')).map((r) => r.id)).toEqual([created.body.id]);

    const edited = await send('PATCH', `/api/admin/canned-responses/${created.body.id}`, { body: 'Shall we breathe slowly together for a moment?', shortcut: null }, admin);
    expect(edited.status).toBe(200);
    expect(edited.body.body).toBe('Shall we breathe slowly together for a moment?');
    expect(edited.body.shortcut).toBeUndefined();
    expect((await search('?q=grounding'))[0]!.body).toBe('Shall we breathe slowly together for a moment?');

    expect((await send('DELETE', `/api/admin/canned-responses/${created.body.id}`, undefined, admin)).status).toBe(204);
    expect(await search('?q=grounding')).toEqual([]);
    expect((await send('DELETE', `/api/admin/canned-responses/${created.body.id}`, undefined, admin)).status).toBe(404);

    const log = await getJson<AuditResponse>(server.url, `/api/moderation/audit?targetId=${created.body.id}`, admin);
    expect(log.body.entries.map((e) => e.action).reverse()).toEqual([
      'canned_response.created',
      'canned_response.updated',
      'canned_response.deleted',
    ]);
    expect(log.body.entries.find((e) => e.action === 'canned_response.updated')!.details).toMatchObject({ fields: 'body,shortcut' });
  });

  it('keep shortcuts unique per language, but the same shortcut may exist in each language', async () => {
    const clash = await send('POST', '/api/admin/canned-responses', { language: 'en', title: 'Another', body: 'Another reply.', shortcut: 'glad' }, admin);
    expect(clash.status).toBe(409);
    const spanish = await send('POST', '/api/admin/canned-responses', { language: 'es', title: 'Otra', body: 'Otra respuesta.', shortcut: 'glad' }, admin);
    expect(spanish.status).toBe(201);
    const [culpa] = await search('?q=%2Fculpa&lang=es');
    const moved = await send('PATCH', `/api/admin/canned-responses/${culpa!.id}`, { shortcut: 'glad' }, admin);
    expect(moved.status).toBe(409);
  });

  it('refuse volunteers and moderators, and bodies that break the rules', async () => {
    const body = { language: 'en', title: 'Mine', body: 'A reply.' };
    expect((await send('POST', '/api/admin/canned-responses', body, volunteer)).status).toBe(403);
    expect((await send('POST', '/api/admin/canned-responses', body, moderatorToken)).status).toBe(403);
    expect((await getJson(server.url, '/api/admin/canned-responses', volunteer)).status).toBe(403);
    const [first] = await search('?lang=en');
    expect((await send('PATCH', `/api/admin/canned-responses/${first!.id}`, { title: 'Hijacked' }, volunteer)).status).toBe(403);
    expect((await send('DELETE', `/api/admin/canned-responses/${first!.id}`, undefined, moderatorToken)).status).toBe(403);

    const tooLong = await send('POST', '/api/admin/canned-responses', { ...body, body: 'x'.repeat(1001) }, admin);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error!.field).toBe('body');
    const badShortcut = await send('POST', '/api/admin/canned-responses', { ...body, shortcut: 'Has Spaces' }, admin);
    expect(badShortcut.body.error!.field).toBe('shortcut');
    const unknownKey = await send('POST', '/api/admin/canned-responses', { ...body, id: 'x' }, admin);
    expect(unknownKey.status).toBe(400);
    expect((await send('PATCH', `/api/admin/canned-responses/${first!.id}`, {}, admin)).status).toBe(400);
    // Nothing above changed the list.
    expect((await search('?q=hijacked')).length).toBe(0);
    const all = await getJson<CannedResponsesResponse>(server.url, '/api/admin/canned-responses', admin);
    expect(all.body.responses.some((r) => r.title === 'Mine')).toBe(false);
  });
});
