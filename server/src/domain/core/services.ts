// What domain flows are given to work with: storage, time, the field cipher, the log, the live port and the config.
import type { Config } from '../../config.js';
import type { Db } from '../../db/connect.js';
import type { Logger } from '../../logger.js';
import type { FieldCipher } from '../../security/cipher.js';
import type { Clock } from './clock.js';
import type { Live } from './live.js';

/** Each domain function asks for the part it uses (`Pick<Services, 'db' | 'clock'>`), never for the whole app. */
export interface Services {
  db: Db;
  clock: Clock;
  cipher: FieldCipher;
  logger: Logger;
  live: Live;
  config: Config;
}
