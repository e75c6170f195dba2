// Starts one Beside node: storage, services, HTTP and realtime on one port; and stops it gracefully.
import http from 'node:http';
import type { Express } from 'express';
import type { AddressInfo } from 'node:net';
import type { Config } from './config.js';
import type { AppContext } from './context.js';
import { openStorage } from './db/connect.js';
import { systemClock, type Clock } from './domain/core/clock.js';
import { QueueBroadcaster } from './domain/matching/queuePush.js';
import { BreakReminderSweeper } from './jobs/breakReminders.js';
import { UrgentWaitWatcher } from './jobs/urgentWaits.js';
import { Matchmaker } from './jobs/matchmaker.js';
import { Pager } from './jobs/pager.js';
import { RetentionJob } from './jobs/retention.js';
import { hasAdmin, issueSetupToken, createStaff } from './domain/staff/accounts.js';
import { seedDemoStaff } from './domain/staff/demo.js';
import { Conflict } from './domain/core/errors.js';
import { createHttpApp } from './http/app.js';
import { createLogger, type Logger } from './logger.js';
import { createRedisAdapter } from './realtime/adapter.js';
import { drainInFlightHandlers } from './realtime/ack.js';
import { createRealtime, type Realtime } from './realtime/io.js';
import { createLivePort } from './realtime/livePort.js';
import { connectRedis } from './redis.js';
import { createFieldCipher } from './security/cipher.js';
import { createIpHasher, createNetworkHasher } from './security/ipHash.js';
import { resolveSecrets } from './security/secrets.js';
import { createTokenService } from './security/tokens.js';

export interface StartOptions {
  clock?: Clock;
  logger?: Logger;
  /** Where the start-up announcements (setup link, demo logins) go; the console by default. */
  announce?: (text: string) => void;
}

export interface RunningServer {
  url: string;
  port: number;
  ctx: AppContext;
  /** The Express application (its route table is what the REST fuzz test walks). */
  app: Express;
  realtime: Realtime;
  /** The transcript retention sweep (tests run it on demand with `runOnce`). */
  retention: RetentionJob;
  /** The node's other timers, whether parked (the idle tests read them). */
  matchmaker: Matchmaker;
  breakReminders: BreakReminderSweeper;
  /** Sends the on-call supervisor's pages when they fall due. */
  pager: Pager;
  /** Stops accepting, tells clients to reconnect, finishes in-flight work, closes storage. */
  close(): Promise<void>;
}

export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const announce = options.announce ?? ((text: string) => process.stdout.write(text + '\n'));
  const clock = options.clock ?? systemClock;
  const secrets = resolveSecrets(config.dataDir, config.secrets);
  const storage = await openStorage(config.database, logger);
  const redis = config.redisUrl
    ? await connectRedis(config.redisUrl, logger).catch(async (err: unknown) => {
        await storage.close();
        throw err;
      })
    : undefined;

  // The realtime layer is created after the services that report to it; the live port reads this holder at each call.
  const rt: { current?: Realtime } = {};
  const live = createLivePort(() => rt.current?.io);
  const services = {
    config,
    storage,
    db: storage.db,
    clock,
    logger,
    cipher: createFieldCipher(secrets.dataKeys, secrets.currentKeyId),
    tokens: createTokenService(secrets.jwtSecret),
    hashIp: createIpHasher(secrets.ipHashSecret),
    hashNetwork: createNetworkHasher(secrets.ipHashSecret),
    live,
    queue: new QueueBroadcaster({ db: storage.db, clock, live, logger, config }),
    ...(redis ? { redis: redis.client } : {}),
  };
  // The matchmaker runs commands with the whole context, and the context hands it to everyone who kicks it.
  const ctx = services as AppContext;
  const matchmaker = new Matchmaker(ctx);
  ctx.matchmaker = matchmaker;

  // The demo seeds its admin first, so that it does not also print a first-admin setup link.
  if (config.demo) await announceDemo(ctx, config, announce);
  await ensureFirstAdmin(ctx, config, announce);

  let shuttingDown = false;
  const app = createHttpApp(ctx, () => shuttingDown);
  const httpServer = http.createServer(app);
  const realtime = createRealtime(httpServer, ctx, redis ? createRedisAdapter(redis) : undefined);
  rt.current = realtime;
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port, config.host, () => resolve());
  });
  matchmaker.start();
  const breakReminders = new BreakReminderSweeper(ctx);
  breakReminders.start();
  const urgentWaits = new UrgentWaitWatcher(ctx);
  urgentWaits.start();
  const retention = new RetentionJob(storage.db, clock, logger, {
    retentionHours: config.privacy.retentionHours,
    sweepMs: config.privacy.retentionSweepMs,
  });
  retention.start();
  const pager = new Pager(ctx);
  pager.start();
  // Committed work on any node (0014's triggers) wakes the timers that sleep while nothing is due.
  const stopListening = storage.signals.on((signal) => {
    matchmaker.onSignal(signal);
    breakReminders.onSignal(signal);
    urgentWaits.onSignal(signal);
    retention.onSignal(signal);
    pager.onSignal(signal);
  });
  const port = (httpServer.address() as AddressInfo).port;
  if (!config.publicUrl) config.linkBaseUrl = `http://localhost:${port}`;
  const url = `http://127.0.0.1:${port}`;
  logger.info('server.listening', { port, storage: storage.kind });
  void matchmaker.kick();

  let closing: Promise<void> | undefined;
  return {
    url,
    port,
    app,
    ctx,
    realtime,
    retention,
    matchmaker,
    breakReminders,
    pager,
    close: () =>
      (closing ??= (async () => {
        // Stop taking new connections, tell clients to reconnect (elsewhere, or here after a restart), let
        // in-flight writes finish, then close. Every step is bounded so that the process always exits.
        shuttingDown = true;
        const deadline = Date.now() + Math.max(100, config.timing.shutdownTimeoutMs - 500);
        const left = () => Math.max(0, deadline - Date.now());
        const httpClosed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
        realtime.stopAccepting();
        ctx.live.emit({ everyone: true }, 'session:closing', { reason: 'shutdown' });
        stopListening();
        await matchmaker.stop();
        await breakReminders.stop();
        await urgentWaits.stop();
        await retention.stop();
        await pager.stop();
        await drainInFlightHandlers(left());
        await realtime.close(Math.min(1_000, left()));
        httpServer.closeIdleConnections();
        await Promise.race([httpClosed, new Promise((r) => setTimeout(r, left()))]);
        httpServer.closeAllConnections();
        await redis?.close();
        await storage.close();
        logger.info('server.stopped');
      })()),
  };
}

async function ensureFirstAdmin(ctx: AppContext, config: Config, announce: (t: string) => void): Promise<void> {
  if (await hasAdmin(ctx.db)) return;
  if (config.admin) {
    try {
      await createStaff(ctx.db, ctx.clock, {
        email: config.admin.email,
        password: config.admin.password,
        role: 'admin',
        displayName: 'Admin',
        languages: ['en'],
        topics: [],
        capacity: 1,
        gender: 'unspecified',
        trainedAt: ctx.clock.now(),
      });
    } catch (err) {
      // Replicas starting together race to create it: the one that loses finds it made, and starts.
      if (err instanceof Conflict && (await hasAdmin(ctx.db))) return;
      throw err;
    }
    ctx.logger.info('setup.admin_created_from_config');
    return;
  }
  const token = await issueSetupToken(ctx.db, ctx.clock);
  const base = config.linkBaseUrl;
  announce(`\nNo admin exists yet. Create the first admin (the link works once, for 24 hours):\n  ${base}/setup#${token}\n`);
}

async function announceDemo(ctx: AppContext, config: Config, announce: (t: string) => void): Promise<void> {
  const logins = await seedDemoStaff(ctx.db, ctx.clock, ctx.cipher);
  const base = config.linkBaseUrl;
  const lines = logins.flatMap((l) => [
    `  ${l.role.padEnd(10)} ${l.email}  password: ${l.password}`,
    ...(l.otpauthUri
      ? [
          `             two-factor: add ${l.otpauthUri} to an authenticator app (secret ${l.totpSecret}),`,
          `             or sign in once each with a recovery code: ${(l.recoveryCodes ?? []).join('  ')}`,
        ]
      : []),
  ]);
  announce(
    [
      '',
      'Demo accounts (passwords are new on every demo start):',
      ...lines,
      `Volunteer console: ${base}/staff   Survivor page: ${base}/`,
      '',
    ].join('\n'),
  );
}
