// The one place that reads the environment: a zod-validated config with embedded defaults.
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  DATA_DIR: z.string().default('./data'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  PUBLIC_URL: z.string().url().optional(),
  NODE_ENV: z.string().optional(),
  ALLOWED_ORIGINS: z.string().optional(),
  JWT_SECRET: z.string().min(32).optional(),
  DATA_KEY: z
    .string()
    .regex(/^[0-9a-f]{64}$/i, 'DATA_KEY must be 64 hex characters (32 bytes)')
    .optional(),
  IP_HASH_SECRET: z.string().min(32).optional(),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(12).optional(),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  TRUST_PROXY: bool,
  MATCH_SWEEP_MS: z.coerce.number().int().min(100).default(2000),
  CHAT_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(60),
  HIGH_RISK_COOLDOWN_SECONDS: z.coerce.number().int().min(0).default(600),
  PREFERENCE_RELAX_SECONDS: z.coerce.number().int().min(0).default(180),
  QUEUE_HOLD_SECONDS: z.coerce.number().int().min(0).default(300),
  VOLUNTEER_GRACE_SECONDS: z.coerce.number().int().min(0).default(60),
  RATE_LIMIT_MESSAGES_PER_10S: z.coerce.number().int().min(1).default(30),
  RATE_LIMIT_EVENTS_PER_10S: z.coerce.number().int().min(1).default(60),
  CONNECTIONS_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).default(120),
  OPEN_CONNECTIONS_PER_IP: z.coerce.number().int().min(1).default(60),
  SESSIONS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(30),
  QUEUE_JOINS_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(20),
  URGENT_PER_IP_PER_HOUR: z.coerce.number().int().min(1).default(2),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).default(10000),
  /** An urgent survivor waiting longer than this with no volunteer free adds `urgent_waiting` to their alert. */
  URGENT_WAIT_ALERT_SECONDS: z.coerce.number().int().min(1).default(120),
  // Shifts and wellbeing.
  BREAK_REMINDER_MINUTES: z.coerce.number().int().min(1).default(120),
  BREAK_CHECK_SECONDS: z.coerce.number().min(0.1).default(60),
  WEEKLY_HOURS_WARNING: z.coerce.number().min(1).max(168).default(12),
  // Privacy: transcript retention, the quick-exit destination, keys being rotated out.
  RETENTION_HOURS: z.coerce.number().min(0).max(24 * 366).default(72),
  RETENTION_SWEEP_MS: z.coerce.number().int().min(100).default(10 * 60 * 1000),
  QUICK_EXIT_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'QUICK_EXIT_URL must be an http(s) URL')
    .default('https://weather.com/'),
  // Paging the on-call supervisor (domain/moderation/paging.ts, jobs/pager.ts).
  PAGER_WEBHOOK_URL: z
    .string()
    .url()
    .refine((u) => /^https?:\/\//i.test(u), 'PAGER_WEBHOOK_URL must be an http(s) URL')
    .optional(),
  PAGER_WEBHOOK_SECRET: z.string().min(16, 'PAGER_WEBHOOK_SECRET must be at least 16 characters').optional(),
  PAGE_AFTER_SECONDS: z.coerce.number().min(0).default(120),
  PAGER_RETRY_SECONDS: z.coerce.number().min(0.01).default(5),
  PAGER_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(5),
  DATA_KEYS_PREVIOUS: z
    .string()
    .regex(/^\s*([0-9a-f]{64}\s*(,\s*[0-9a-f]{64}\s*)*)?$/i, 'DATA_KEYS_PREVIOUS must be comma-separated 64-hex keys')
    .optional(),
});

export type Database = { kind: 'pglite'; dataDir: string } | { kind: 'postgres'; url: string };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  database: Database;
  redisUrl?: string;
  publicUrl?: string;
  /**
   * The base of every link the server hands out (invitations, password resets, the setup link): PUBLIC_URL, or
   * `http://localhost:<listening port>` outside production (set once the port is known). Never the request's Host
   * header, which the caller chooses.
   */
  linkBaseUrl: string;
  /** Browser origins allowed besides the server's own host, exactly (CORS and the WebSocket Origin check). */
  allowedOrigins: string[];
  /** Secrets; when absent they are generated once under dataDir (embedded mode). */
  secrets: { jwtSecret?: string; dataKeyHex?: string; ipHashSecret?: string; previousDataKeysHex?: string[] };
  /** Transcript retention and the quick exit. */
  privacy: { retentionHours: number; retentionSweepMs: number; quickExitUrl: string };
  admin?: { email: string; password: string };
  /** Wellbeing on shift: break reminders after continuous time on shift; weekly sign-up warning. */
  shifts: { breakReminderMinutes: number; breakCheckMs: number; weeklyHoursWarning: number };
  /**
   * Paging the on-call supervisor: the webhook (absent: pages are recorded as `not_configured`), its HMAC secret
   * (never logged), how long an alert waits for an answer, and the retries (base × 3^n, `maxAttempts` in all).
   */
  paging: { webhookUrl?: string; secret?: string; afterSeconds: number; retryBaseMs: number; maxAttempts: number; timeoutMs: number };
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  trustProxy: boolean;
  demo: boolean;
  /** Where the built client lives; absent means the API serves no pages. */
  clientDir?: string;
  /** Per person (messages, other events) and per hashed IP (new connections). */
  rateLimits: {
    messagesPer10s: number;
    otherEventsPer10s: number;
    connectionsPerIpPerMinute: number;
    /** Live connections one address may hold open at once on one node. */
    openConnectionsPerIp: number;
    /** Anonymous sessions one address may open an hour. */
    sessionsPerIpPerHour: number;
    /** Queue entries one address may make an hour. */
    queueJoinsPerIpPerHour: number;
    /** Of those, how many may be urgent (ahead of the line); past it an urgent entry queues in the ordinary line. */
    urgentPerIpPerHour: number;
  };
  timing: {
    matchSweepMs: number;
    chatCooldownSeconds: number;
    highRiskCooldownSeconds: number;
    preferenceRelaxSeconds: number;
    queueHoldSeconds: number;
    volunteerGraceSeconds: number;
    shutdownTimeoutMs: number;
    urgentWaitAlertSeconds: number;
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, argv: string[] = process.argv.slice(2)): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid configuration: ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const e = parsed.data;
  if (e.NODE_ENV === 'production' && !e.PUBLIC_URL) {
    throw new Error('Invalid configuration: PUBLIC_URL: is required in production (links in invitations and password resets are built on it)');
  }
  if (e.PAGER_WEBHOOK_URL && !e.PAGER_WEBHOOK_SECRET) {
    throw new Error('Invalid configuration: PAGER_WEBHOOK_SECRET: is required when PAGER_WEBHOOK_URL is set (pages are signed with it)');
  }
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'pglite', dataDir: path.join(dataDir, 'pglite') },
    redisUrl: e.REDIS_URL,
    publicUrl: e.PUBLIC_URL,
    linkBaseUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    allowedOrigins: [
      ...(e.PUBLIC_URL ? [new URL(e.PUBLIC_URL).origin] : []),
      ...(e.ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ],
    secrets: {
      jwtSecret: e.JWT_SECRET,
      dataKeyHex: e.DATA_KEY,
      ipHashSecret: e.IP_HASH_SECRET,
      previousDataKeysHex: (e.DATA_KEYS_PREVIOUS ?? '').split(',').map((k) => k.trim()).filter(Boolean),
    },
    privacy: {
      retentionHours: e.RETENTION_HOURS,
      retentionSweepMs: e.RETENTION_SWEEP_MS,
      quickExitUrl: e.QUICK_EXIT_URL,
    },
    admin: e.ADMIN_EMAIL && e.ADMIN_PASSWORD ? { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD } : undefined,
    shifts: {
      breakReminderMinutes: e.BREAK_REMINDER_MINUTES,
      breakCheckMs: Math.round(e.BREAK_CHECK_SECONDS * 1000),
      weeklyHoursWarning: e.WEEKLY_HOURS_WARNING,
    },
    paging: {
      webhookUrl: e.PAGER_WEBHOOK_URL,
      secret: e.PAGER_WEBHOOK_SECRET,
      afterSeconds: e.PAGE_AFTER_SECONDS,
      retryBaseMs: Math.round(e.PAGER_RETRY_SECONDS * 1000),
      maxAttempts: e.PAGER_MAX_ATTEMPTS,
      timeoutMs: 5000,
    },
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    demo: argv.includes('--demo'),
    clientDir: path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../client/dist'),
    rateLimits: {
      messagesPer10s: e.RATE_LIMIT_MESSAGES_PER_10S,
      otherEventsPer10s: e.RATE_LIMIT_EVENTS_PER_10S,
      connectionsPerIpPerMinute: e.CONNECTIONS_PER_IP_PER_MINUTE,
      openConnectionsPerIp: e.OPEN_CONNECTIONS_PER_IP,
      sessionsPerIpPerHour: e.SESSIONS_PER_IP_PER_HOUR,
      queueJoinsPerIpPerHour: e.QUEUE_JOINS_PER_IP_PER_HOUR,
      urgentPerIpPerHour: e.URGENT_PER_IP_PER_HOUR,
    },
    timing: {
      matchSweepMs: e.MATCH_SWEEP_MS,
      chatCooldownSeconds: e.CHAT_COOLDOWN_SECONDS,
      highRiskCooldownSeconds: e.HIGH_RISK_COOLDOWN_SECONDS,
      preferenceRelaxSeconds: e.PREFERENCE_RELAX_SECONDS,
      queueHoldSeconds: e.QUEUE_HOLD_SECONDS,
      volunteerGraceSeconds: e.VOLUNTEER_GRACE_SECONDS,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      urgentWaitAlertSeconds: e.URGENT_WAIT_ALERT_SECONDS,
    },
  };
}
