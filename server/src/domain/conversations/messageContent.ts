// What a message holds beyond text: system lines as codes and shared resources as data, stored (encrypted) as JSON.
import {
  LANGUAGES,
  SYSTEM_LINE_CODES,
  type ChatMessage,
  type MessageKind,
  type SharedResource,
  type SystemLine,
  type SystemLineCode,
} from '@beside/shared';

/** What is written into a conversation: words someone typed, a system line, or a resource. */
export type MessageContent =
  | { kind: 'text'; body: string }
  | { kind: 'system'; system: SystemLine }
  | { kind: 'resource'; resource: SharedResource };

/**
 * The English sentence a system message carries as `body`, for a client that does not know the code. Clients word
 * system lines from their own dictionaries; this is never what a survivor reads in a current client.
 */
const SYSTEM_LINE_FALLBACK: Record<SystemLineCode, (params: Record<string, string>) => string> = {
  supervisor_joined: () => 'A supervisor is supporting your volunteer in this conversation.',
  supervisor_took_over: (p) => (p.name ? `${p.name}, a supervisor, is now talking with you, in place of your volunteer.` : 'A supervisor is now talking with you, in place of your volunteer.'),
  supervisor_handed_back: (p) => `A supervisor handed the chat back: ${p.name || 'your volunteer'} is with you again.`,
};

/** The text stored (encrypted) in the body column for this content. */
export function plaintextOf(content: MessageContent): string {
  switch (content.kind) {
    case 'text':
      return content.body;
    case 'system':
      return JSON.stringify({ code: content.system.code, ...(content.system.params ? { params: content.system.params } : {}) });
    case 'resource':
      return JSON.stringify(content.resource);
  }
}

/** A resource as plain lines with no labels to translate: its name, description, ways to reach it and hours. */
export function resourceFallback(r: SharedResource): string {
  const lines = [r.name];
  if (r.description) lines.push(r.description);
  if (r.phone) lines.push(r.phone);
  if (r.smsNumber) lines.push(r.smsKeyword ? `SMS ${r.smsNumber}: ${r.smsKeyword}` : `SMS ${r.smsNumber}`);
  if (r.chatUrl) lines.push(r.chatUrl);
  if (r.url && r.url !== r.chatUrl) lines.push(r.url);
  if (r.hours) lines.push(r.hours);
  return lines.join('\n');
}

type Decoded = Pick<ChatMessage, 'kind' | 'body' | 'system' | 'resource'>;

/** The message fields for a stored kind and its decrypted body. */
export function decodeContent(kind: MessageKind, plaintext: string): Decoded {
  switch (kind) {
    case 'text':
      return { kind, body: plaintext };
    case 'system': {
      const system = parseSystemLine(plaintext);
      // Only the server writes these; one it cannot read (a code a later version removed) still shows as a notice.
      if (!system) return { kind, body: 'A notice from Beside.' };
      return { kind, body: SYSTEM_LINE_FALLBACK[system.code](system.params ?? {}), system };
    }
    case 'resource': {
      const resource = parseResource(plaintext);
      if (!resource) return { kind, body: '' };
      return { kind, body: resourceFallback(resource), resource };
    }
  }
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const isCode = (code: unknown): code is SystemLineCode => (SYSTEM_LINE_CODES as readonly unknown[]).includes(code);
const isStringMap = (v: unknown): v is Record<string, string> =>
  !!v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

function parseSystemLine(text: string): SystemLine | undefined {
  const value = parseJson(text);
  if (!value || !isCode(value.code)) return undefined;
  if (value.params === undefined) return { code: value.code };
  return isStringMap(value.params) ? { code: value.code, params: value.params } : undefined;
}

const RESOURCE_TEXT_FIELDS = ['phone', 'smsNumber', 'smsKeyword', 'url', 'chatUrl', 'hours'] as const;

function parseResource(text: string): SharedResource | undefined {
  const v = parseJson(text);
  if (!v || typeof v.slug !== 'string' || typeof v.name !== 'string' || typeof v.description !== 'string') return undefined;
  const language = LANGUAGES.find((l) => l === v.language);
  if (!language) return undefined;
  const resource: SharedResource = { slug: v.slug, language, name: v.name, description: v.description };
  for (const field of RESOURCE_TEXT_FIELDS) {
    const value = v[field];
    if (typeof value === 'string' && value) resource[field] = value;
  }
  return resource;
}
