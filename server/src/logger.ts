// Structured JSON logging that by construction carries no message text, tokens, passwords or IPs.
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** Fields whose values are never written, whatever a caller passes. */
const REDACTED_KEYS = /(body|text|note|token|password|secret|authorization|cookie|ip|ips|address|addr|forwardedfor|email|phone)$/i;

/**
 * A second net for values (error details above all): IP addresses, bearer tokens (JWTs) and e-mail addresses
 * are replaced wherever they appear, so that an error message echoing one does not carry it into the log.
 */
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
const IPV6 = /(?<![\w:])(?:[0-9a-f]{0,4}:){2,7}(?:[0-9a-f]{0,4}|\[ip\])(?![\w:])/gi;
const JWT = /\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]+/g;
const EMAIL = /[^\s@"'<>()]+@[^\s@"'<>()]+\.[a-z]{2,}/gi;

function scrub(value: string): string {
  return value
    .replace(JWT, '[token]')
    .replace(EMAIL, '[email]')
    .replace(IPV4, '[ip]')
    // An IPv6 address has '::' or at least five colons; times such as 02:00:17 have neither.
    .replace(IPV6, (m) => (m.includes('::') || m.split(':').length > 5 ? '[ip]' : m));
}

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
}

export function createLogger(level: LogLevel, write: (line: string) => void = (l) => process.stderr.write(l + '\n')): Logger {
  const log = (lvl: Exclude<LogLevel, 'silent'>, event: string, fields: LogFields = {}) => {
    if (order[lvl] < order[level]) return;
    const safe: LogFields = {};
    for (const [k, v] of Object.entries(fields)) safe[k] = REDACTED_KEYS.test(k) ? '[redacted]' : typeof v === 'string' ? scrub(v) : v;
    write(JSON.stringify({ t: new Date().toISOString(), level: lvl, event, ...safe }));
  };
  return {
    debug: (e, f) => log('debug', e, f),
    info: (e, f) => log('info', e, f),
    warn: (e, f) => log('warn', e, f),
    error: (e, f) => log('error', e, f),
  };
}

/** Reduces an unknown error to a loggable name and message, without stack data that could echo input. */
export function errorFields(err: unknown): LogFields {
  if (err instanceof Error) return { error: err.name, detail: err.message.slice(0, 200) };
  const message = (err as { message?: unknown } | null)?.message;
  return { error: typeof err, ...(typeof message === 'string' ? { detail: message.slice(0, 200) } : {}) };
}
