// The built client is sent compressed (Brotli, else gzip, from the copies the build wrote) and cached by hash.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawGet } from './helpers/clients.js';
import { startTestServer, type TestServer } from './helpers/server.js';

let server: TestServer;
let root: string;
const SCRIPT = `console.log(${JSON.stringify('survivor page '.repeat(200))});`;

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'beside-assets-'));
  fs.mkdirSync(path.join(root, 'assets'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Beside</title>');
  fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js'), SCRIPT);
  fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js.br'), brotliCompressSync(SCRIPT));
  fs.writeFileSync(path.join(root, 'assets', 'index-abc123.js.gz'), gzipSync(SCRIPT));
  fs.writeFileSync(path.join(root, 'assets', 'plain-def456.css'), 'body{color:black}');
  server = await startTestServer({ clientDir: root });
});
afterAll(async () => {
  await server?.stop();
  fs.rmSync(root, { recursive: true, force: true });
});

const get = (urlPath: string, acceptEncoding?: string) =>
  rawGet(server.url, urlPath, acceptEncoding ? { 'accept-encoding': acceptEncoding } : {});

describe('the client assets', () => {
  it('go out as Brotli to a browser that takes it, and decode to the script itself', async () => {
    const res = await get('/assets/index-abc123.js', 'gzip, deflate, br');
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/Accept-Encoding/i);
    expect(res.headers['cache-control']).toMatch(/immutable/);
    expect(res.body.length).toBeLessThan(SCRIPT.length / 5);
    expect(brotliDecompressSync(res.body).toString()).toBe(SCRIPT);
  });

  it('go out as gzip when Brotli is not accepted, and plain when nothing is', async () => {
    const gz = await get('/assets/index-abc123.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(SCRIPT);
    const plain = await get('/assets/index-abc123.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(SCRIPT);
  });

  it('fall back to the file itself when the build wrote no compressed copy, and 404 for what is not there', async () => {
    const css = await get('/assets/plain-def456.css', 'br, gzip');
    expect(css.status).toBe(200);
    expect(css.headers['content-encoding']).toBeUndefined();
    expect(css.body.toString()).toBe('body{color:black}');
    expect((await get('/assets/missing-000.js', 'br')).status).toBe(404);
    // The compressed copies are not a way around the name check.
    expect((await get('/assets/..%2findex-abc123.js', 'br')).status).toBeGreaterThanOrEqual(400);
  });
});

describe('an install under a folder whose name starts with a dot', () => {
  it('serves the pages, and a missing page is an honest 404 (never "the request could not be read")', async () => {
    const dotted = fs.mkdtempSync(path.join(os.tmpdir(), 'beside-install-'));
    const clientDir = path.join(dotted, '.local', 'src', 'beside', 'client', 'dist');
    fs.mkdirSync(path.join(clientDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>Beside</title>');
    const dotServer = await startTestServer({ clientDir });
    try {
      for (const page of ['/', '/staff', '/privacy', '/moderator', '/admin']) {
        const res = await rawGet(dotServer.url, page);
        expect(res.status, page).toBe(200);
        expect(res.body.toString()).toContain('<title>Beside</title>');
      }
      fs.rmSync(path.join(clientDir, 'index.html'));
      const gone = await rawGet(dotServer.url, '/');
      expect(gone.status).toBe(404);
      expect(JSON.parse(gone.body.toString())).toMatchObject({ error: { code: 'not_found' } });
      expect(gone.body.toString()).not.toContain('"field":"body"');
    } finally {
      await dotServer.stop();
      fs.rmSync(dotted, { recursive: true, force: true });
    }
  });
});
