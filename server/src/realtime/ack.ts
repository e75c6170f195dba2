// Wraps every socket event: validates the payload by its zod schema and answers one Ack, never throwing.
import type { z } from 'zod';
import { zodToApiError, type Ack } from '@beside/shared';
import { toApiError } from '../domain/core/errors.js';
import type { Logger } from '../logger.js';

export type Handler<S extends z.ZodType, T> = (input: z.output<S>) => Promise<T>;

/** Handlers still running, so that a graceful shutdown can let their writes finish before storage closes. */
const inFlight = new Set<Promise<unknown>>();

/** Resolves when every handler running now has finished, or after `timeoutMs`. */
export async function drainInFlightHandlers(timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  // A handler admitted just before the gate closed may start after the first look: look again until none runs.
  while (inFlight.size > 0 && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.allSettled([...inFlight]),
      new Promise((resolve) => {
        timer = setTimeout(resolve, deadline - Date.now());
      }),
    ]);
    clearTimeout(timer);
  }
}

/**
 * Returns a listener for `socket.on(event, …)`: it accepts (payload, ack) as sent by any client, however
 * malformed, validates the payload, runs the handler and acknowledges exactly once.
 */
export function handleEvent<S extends z.ZodType, T>(
  event: string,
  schema: S,
  logger: Logger,
  handler: Handler<S, T>,
): (...args: unknown[]) => void {
  return (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (a: Ack<T>) => void) : undefined;
    const payload = ack && args.length === 1 ? undefined : args[0];
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) {
      ack?.({ ok: false, error: zodToApiError(parsed.error) });
      return;
    }
    const running = handler(parsed.data).then(
      (data) => ack?.({ ok: true, data }),
      (err: unknown) => ack?.({ ok: false, error: toApiError(err, logger, event) }),
    );
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
  };
}
