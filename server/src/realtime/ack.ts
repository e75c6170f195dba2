// Answers every socket event exactly once: validates the payload by its contract schema, runs the handler, never throws.
import { clientEventSchemas, zodToApiError, type Ack, type ClientEventName, type EventInput, type EventResult } from '@beside/shared';
import type { AppContext } from '../context.js';
import { toApiError } from '../domain/core/errors.js';
import type { Caller, EventDefinition } from './registry.js';

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
 * malformed, validates the payload with the event's schema from the contract, runs the handler and acknowledges
 * exactly once.
 */
export function listenerFor<E extends ClientEventName>(
  event: E,
  definition: EventDefinition<E>,
  caller: Caller,
  ctx: AppContext,
): (...args: unknown[]) => void {
  const schema = clientEventSchemas[event];
  return (...args: unknown[]) => {
    const last = args[args.length - 1];
    const ack = typeof last === 'function' ? (last as (a: Ack<EventResult<E>>) => void) : undefined;
    const payload = ack && args.length === 1 ? undefined : args[0];
    const parsed = schema.safeParse(payload ?? {});
    if (!parsed.success) {
      ack?.({ ok: false, error: zodToApiError(parsed.error) });
      return;
    }
    const running = definition.handle(parsed.data as EventInput<E>, caller, ctx).then(
      (data) => ack?.({ ok: true, data }),
      (err: unknown) => ack?.({ ok: false, error: toApiError(err, ctx.logger, event) }),
    );
    inFlight.add(running);
    void running.finally(() => inFlight.delete(running));
  };
}
