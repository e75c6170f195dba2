// PostgreSQL error codes as the drivers report them (pg and PGlite, wrapped by drizzle in a cause chain).

export const PG = {
  uniqueViolation: '23505',
  serializationFailure: '40001',
  deadlockDetected: '40P01',
} as const;

/** Whether any error in the cause chain carries this PostgreSQL error code. */
export function hasPgCode(err: unknown, ...codes: string[]): boolean {
  for (let e: unknown = err; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && codes.includes(code)) return true;
  }
  return false;
}
