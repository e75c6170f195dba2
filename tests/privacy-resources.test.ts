// The help directory: public in English and Spanish, editable by admins only, and shareable into a chat by the volunteer.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AdminResourcesResponse,  Resource, ResourcesResponse } from '@beside/shared';
import { getJson, intake, newVisitor, next, ok, onShiftVolunteer, postJson, request } from './helpers/clients.js';
import { query } from './helpers/privacy.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let adminToken: string;
let adminId: string;
beforeAll(async () => {
  server = await startTestServer();
  const admin = await server.addStaff({ role: 'admin' });
  adminId = admin.id;
  adminToken = server.tokenFor(admin);
}, 180_000); // starting embedded PostgreSQL (WASM) can be slow on a busy machine
afterAll(async () => {
  await server?.stop();
});

async function send(method: 'PATCH' | 'DELETE', path: string, body: unknown, token?: string) {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const bySlug = (list: Resource[]) => Object.fromEntries(list.map((r) => [r.slug, r]));

describe('GET /api/resources', () => {
  it('lists the seeded help in English without any token, emergency first, never cached', async () => {
    const res = await getJson<ResourcesResponse>(server.url, '/api/resources?lang=en');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.language).toBe('en');
    const r = bySlug(res.body.resources);
    expect(r.rainn).toMatchObject({ phone: '800-656-4673', chatUrl: expect.stringMatching(/^https:\/\/.*rainn\.org/) });
    expect(r['988']).toMatchObject({ phone: '988', category: 'crisis' });
    expect(r['crisis-text-line']).toMatchObject({ smsNumber: '741741', smsKeyword: 'HOME' });
    expect(r.ndvh).toMatchObject({ phone: '800-799-7233', category: 'domestic_violence' });
    expect(r.eeoc).toMatchObject({ phone: '800-669-4000', category: 'workplace' });
    expect(r.emergency).toMatchObject({ phone: '911', category: 'emergency' });
    expect(res.body.resources[0]!.slug).toBe('emergency');
  });

  it('lists the same services in Spanish, in Spanish; English when no language is given; refuses others', async () => {
    const es = await getJson<ResourcesResponse>(server.url, '/api/resources?lang=es');
    expect(es.status).toBe(200);
    const r = bySlug(es.body.resources);
    expect(Object.keys(r).sort()).toEqual(['988', 'crisis-text-line', 'eeoc', 'emergency', 'ndvh', 'rainn']);
    expect(r.ndvh!.name).toMatch(/Violencia Doméstica/);
    expect(r['crisis-text-line']).toMatchObject({ smsNumber: '741741', smsKeyword: 'AYUDA' });
    expect(r.emergency!.description).toMatch(/peligro/);

    const fallback = await getJson<ResourcesResponse>(server.url, '/api/resources');
    expect(fallback.body.language).toBe('en');
    const bad = await getJson(server.url, '/api/resources?lang=fr');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: 'invalid', field: 'lang' } });
  });
});

describe('admins edit the directory', () => {
  it('create, update, hide and delete, each audited; survivors see the change at once', async () => {
    const created = await postJson<Resource>(
      server.url,
      '/api/admin/resources',
      {
        slug: 'local-center',
        language: 'en',
        category: 'sexual_assault',
        name: 'Riverside Rape Crisis Center',
        phone: '555-0100',
        url: 'https://example.org/riverside',
        sortOrder: 25,
      },
      adminToken,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'local-center', active: true, description: '' });
    let list = await getJson<ResourcesResponse>(server.url, '/api/resources?lang=en');
    expect(list.body.resources.map((r) => r.slug)).toEqual(['emergency', 'rainn', 'local-center', '988', 'crisis-text-line', 'ndvh', 'eeoc']);

    const renamed = await send('PATCH', `/api/admin/resources/${created.body.id}`, { name: 'Riverside Center', hours: 'Mon–Fri 9–5' }, adminToken);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Riverside Center', hours: 'Mon–Fri 9–5', phone: '555-0100' });

    const hidden = await send('PATCH', `/api/admin/resources/${created.body.id}`, { active: false }, adminToken);
    expect(hidden.body.active).toBe(false);
    list = await getJson<ResourcesResponse>(server.url, '/api/resources?lang=en');
    expect(list.body.resources.some((r) => r.slug === 'local-center')).toBe(false);
    const all = await getJson<AdminResourcesResponse>(server.url, '/api/admin/resources', adminToken);
    expect(all.body.resources.find((r) => r.id === created.body.id)).toMatchObject({ active: false });
    expect(all.body.resources.filter((r) => r.language === 'es')).toHaveLength(6);

    const removed = await send('DELETE', `/api/admin/resources/${created.body.id}`, undefined, adminToken);
    expect(removed.status).toBe(204);
    expect((await send('DELETE', `/api/admin/resources/${created.body.id}`, undefined, adminToken)).status).toBe(404);

    const audit = await query<{ action: string; actor_id: string; target_id: string }>(
      server.ctx.db,
      sql`SELECT action, actor_id, target_id FROM audit_log WHERE target_type = 'resource' ORDER BY id`,
    );
    expect(audit.map((a) => a.action)).toEqual(['resource.created', 'resource.updated', 'resource.updated', 'resource.deleted']);
    expect(audit.every((a) => a.actor_id === adminId && a.target_id === created.body.id)).toBe(true);
  });

  it('refuses bad entries with the field at fault', async () => {
    const noContact = await postJson(
      server.url,
      '/api/admin/resources',
      { slug: 'nothing', language: 'en', category: 'other', name: 'No way to reach it' },
      adminToken,
    );
    expect(noContact).toMatchObject({ status: 400, body: { error: { code: 'invalid', field: 'phone' } } });

    const script = await postJson(
      server.url,
      '/api/admin/resources',
      { slug: 'bad-link', language: 'en', category: 'other', name: 'Bad link', url: 'javascript:alert(1)' },
      adminToken,
    );
    expect(script).toMatchObject({ status: 400, body: { error: { code: 'invalid', field: 'url' } } });

    const duplicate = await postJson(
      server.url,
      '/api/admin/resources',
      { slug: 'rainn', language: 'en', category: 'sexual_assault', name: 'RAINN again', phone: '800-656-4673' },
      adminToken,
    );
    expect(duplicate).toMatchObject({ status: 409, body: { error: { code: 'conflict' } } });

    const all = await getJson<AdminResourcesResponse>(server.url, '/api/admin/resources', adminToken);
    const eeoc = all.body.resources.find((r) => r.slug === 'eeoc' && r.language === 'en')!;
    const stripped = await send('PATCH', `/api/admin/resources/${eeoc.id}`, { phone: null, url: null }, adminToken);
    expect(stripped).toMatchObject({ status: 400, body: { error: { code: 'invalid', field: 'phone' } } });
    const empty = await send('PATCH', `/api/admin/resources/${eeoc.id}`, {}, adminToken);
    expect(empty.status).toBe(400);
    const missing = await send('PATCH', `/api/admin/resources/${randomUUID()}`, { name: 'x' }, adminToken);
    expect(missing.status).toBe(404);
    const unchanged = await getJson<ResourcesResponse>(server.url, '/api/resources?lang=en');
    expect(bySlug(unchanged.body.resources).eeoc).toMatchObject({ phone: '800-669-4000', url: 'https://www.eeoc.gov' });
  });

  it('is for admins only: no token and survivors 401, volunteers and moderators 403', async () => {
    const body = { slug: 'x', language: 'en', category: 'other', name: 'X', phone: '555-0199' };
    const volunteer = server.tokenFor(await server.addStaff({ role: 'volunteer' }));
    const moderator = server.tokenFor(await server.addStaff({ role: 'moderator' }));
    const visitor = await newVisitor(server.url);
    expect((await postJson(server.url, '/api/admin/resources', body)).status).toBe(401);
    expect((await postJson(server.url, '/api/admin/resources', body, visitor.token)).status).toBe(401);
    expect((await postJson(server.url, '/api/admin/resources', body, volunteer)).status).toBe(403);
    expect((await postJson(server.url, '/api/admin/resources', body, moderator)).status).toBe(403);
    expect((await getJson(server.url, '/api/admin/resources', volunteer)).status).toBe(403);
    const any = (await getJson<AdminResourcesResponse>(server.url, '/api/admin/resources', adminToken)).body.resources[0]!;
    expect((await send('PATCH', `/api/admin/resources/${any.id}`, { name: 'Hijacked' }, moderator)).status).toBe(403);
    expect((await send('DELETE', `/api/admin/resources/${any.id}`, undefined, volunteer)).status).toBe(403);
    const after = (await getJson<AdminResourcesResponse>(server.url, '/api/admin/resources', adminToken)).body.resources;
    expect(after.find((r) => r.id === any.id)?.name).toBe(any.name);
    expect(after.some((r) => r.slug === 'x')).toBe(false);
    visitor.socket.close();
  });
});

describe('resource:share', () => {
  it('the volunteer sends a resource into the chat in the conversation’s language; a retry is delivered once', async () => {
    const staff = await server.addStaff({ languages: ['es'], displayName: 'Lucía' });
    const volunteer = await onShiftVolunteer(server.url, staff);
    const visitor = await newVisitor(server.url);
    const started = next(visitor.socket, 'conversation:started');
    await ok(visitor.socket, 'queue:join', intake({ language: 'es' }));
    const conversation = await started;

    const received = next(visitor.socket, 'message:new');
    const clientId = randomUUID();
    const shared = await ok(volunteer.socket, 'resource:share', {
      conversationId: conversation.id,
      clientId,
      slug: 'crisis-text-line',
    });
    // The Spanish entry, as data: each reader's page labels it (call, text, website) in its own language.
    expect(shared).toMatchObject({
      sender: 'volunteer',
      senderName: 'Lucía',
      kind: 'resource',
      resource: { slug: 'crisis-text-line', language: 'es', name: 'Crisis Text Line', smsNumber: '741741', smsKeyword: 'AYUDA' },
    });
    expect(shared.resource?.description).toContain('Envía AYUDA por texto al 741741');
    // The body is a fallback without interface words in either language.
    expect(shared.body).toContain('Envía AYUDA por texto al 741741');
    expect(shared.body).toContain('SMS 741741: AYUDA');
    expect(shared.body).not.toMatch(/Sitio web|Website|Horario|Hours|Llama|Call /);
    expect(await received).toEqual(shared);
    const retry = await ok(volunteer.socket, 'resource:share', {
      conversationId: conversation.id,
      clientId,
      slug: 'crisis-text-line',
    });
    expect(retry.id).toBe(shared.id);
    const history = await ok(visitor.socket, 'messages:since', { conversationId: conversation.id, afterSeq: 0 });
    expect(history).toHaveLength(1);
    expect(history[0]).toEqual(shared);

    // Phone numbers and links of a shared resource are not held back as contact details: the volunteer did not type them.
    const hotline = await ok(volunteer.socket, 'resource:share', { conversationId: conversation.id, clientId: randomUUID(), slug: 'rainn' });
    expect(hotline).toMatchObject({
      kind: 'resource',
      resource: { slug: 'rainn', language: 'es', phone: '800-656-4673', url: 'https://www.rainn.org', chatUrl: 'https://hotline.rainn.org/online' },
    });

    const byVisitor = await request(visitor.socket, 'resource:share', {
      conversationId: conversation.id,
      clientId: randomUUID(),
      slug: 'rainn',
    });
    expect(byVisitor).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const unknown = await request(volunteer.socket, 'resource:share', {
      conversationId: conversation.id,
      clientId: randomUUID(),
      slug: 'no-such-service',
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'not_found' } });
    visitor.socket.close();
    volunteer.socket.close();
  });
});
