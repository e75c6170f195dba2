// Entry point: wiring only. Reads the config, starts the node, and stops it gracefully on SIGTERM/SIGINT.
import { loadConfig } from './config.js';
import { createLogger, errorFields } from './logger.js';
import { startServer } from './server.js';

const config = loadConfig();
const logger = createLogger(config.logLevel);

process.on('unhandledRejection', (err) => logger.error('process.unhandled_rejection', errorFields(err)));

const server = await startServer(config, { logger }).catch((err: unknown) => {
  logger.error('server.start_failed', errorFields(err));
  process.exit(1);
});
process.stdout.write(`Beside is running on http://localhost:${server.port}\n`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    logger.info('server.shutdown', { signal });
    const force = setTimeout(() => process.exit(1), config.timing.shutdownTimeoutMs);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
