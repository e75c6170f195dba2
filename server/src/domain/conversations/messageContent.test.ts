// System lines and shared resources survive the round trip through the stored JSON, with a label-free fallback body.
import { describe, expect, it } from 'vitest';
import { SYSTEM_LINE_CODES, type SharedResource } from '@beside/shared';
import { decodeContent, plaintextOf, resourceFallback } from './messageContent.js';

const textLine = { slug: 'crisis-text-line', language: 'es', name: 'Crisis Text Line', description: 'Envía AYUDA por texto al 741741.' } as const;

describe('message content', () => {
  it('stores a system line as its code and parameters, and reads it back with an English fallback sentence', () => {
    for (const code of SYSTEM_LINE_CODES) {
      const stored = plaintextOf({ kind: 'system', system: { code } });
      expect(JSON.parse(stored)).toEqual({ code });
      const decoded = decodeContent('system', stored);
      expect(decoded.system).toEqual({ code });
      expect(decoded.body).toMatch(/^A supervisor .+\.$/);
    }
    const withParams = decodeContent('system', plaintextOf({ kind: 'system', system: { code: 'supervisor_joined', params: { name: 'Dana' } } }));
    expect(withParams.system).toEqual({ code: 'supervisor_joined', params: { name: 'Dana' } });
  });

  it('never shows stored JSON it cannot read as the body', () => {
    for (const stored of ['{"code":"no_such_line"}', 'not json', '[]', '{"code":"supervisor_joined","params":{"n":1}}']) {
      const decoded = decodeContent('system', stored);
      expect(decoded.system).toBeUndefined();
      expect(decoded.body).not.toContain('{');
    }
    expect(decodeContent('resource', '{"slug":1}')).toEqual({ kind: 'resource', body: '' });
  });

  it('stores a resource as data and falls back to its name and contact lines without translated labels', () => {
    const resource: SharedResource = { ...textLine, smsNumber: '741741', smsKeyword: 'AYUDA', url: 'https://www.crisistextline.org', hours: 'Las 24 horas' };
    const decoded = decodeContent('resource', plaintextOf({ kind: 'resource', resource }));
    expect(decoded.resource).toEqual(resource);
    expect(decoded.body).toBe(resourceFallback(resource));
    expect(decoded.body.split('\n')).toEqual([
      'Crisis Text Line',
      'Envía AYUDA por texto al 741741.',
      'SMS 741741: AYUDA',
      'https://www.crisistextline.org',
      'Las 24 horas',
    ]);
    // Words of an interface (call, text, website, hours) are the reader's page's to choose, in its language.
    expect(decoded.body).not.toMatch(/Llama|Call|Sitio web|Website|Horario|Hours/);
  });

  it('keeps a text message as written, even when it looks like JSON', () => {
    expect(decodeContent('text', '{"code":"supervisor_joined"}')).toEqual({ kind: 'text', body: '{"code":"supervisor_joined"}' });
  });
});
