// Which browser origins may talk to this server: the server's own, plus an exact list from configuration.

/**
 * True when a request's Origin is allowed: absent (not a browser, or a same-origin GET), the same host the
 * request was sent to, or exactly one of the configured origins. No wildcards, no suffix matching.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined, allowed: readonly string[]): boolean {
  if (origin === undefined) return true;
  if (allowed.includes(origin)) return true;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && host !== undefined && url.host === host;
  } catch {
    return false;
  }
}
