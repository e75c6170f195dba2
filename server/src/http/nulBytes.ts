// A NUL byte in a query or a JSON body is refused as a 400 naming the field: PostgreSQL cannot store or compare
// one in text, and a query that reached it would answer 500.
import type { NextFunction, Request, Response } from 'express';
import { Invalid } from '../domain/core/errors.js';

/** The path (`a.b.0`) of the first string holding U+0000 in a parsed query or body, if any. */
export function nulBytePath(value: unknown, path: string[] = [], depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path.join('.') || 'body' : undefined;
  if (depth > 32 || value === null || typeof value !== 'object') return undefined;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return [...path, key.split('\u0000').join('')].join('.');
    const found = nulBytePath(v, [...path, key], depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function refuseNulBytes(req: Request, _res: Response, next: NextFunction): void {
  // A body read as text (the quick-exit beacon) is not a field: the exit answers 204 to anything.
  const body: unknown = req.body;
  const field = nulBytePath(req.query) ?? (typeof body === 'object' ? nulBytePath(body) : undefined);
  if (field !== undefined) throw new Invalid(`${field}: contains a NUL character.`, field);
  next();
}
