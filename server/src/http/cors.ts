// Exact-origin CORS for the API, and refusal of state-changing requests from any other site (CSRF).
import type { RequestHandler } from 'express';
import type { ErrorBody } from '@beside/shared';
import { isAllowedOrigin } from '../security/origin.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function corsAndOriginGuard(allowedOrigins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    const allowed = isAllowedOrigin(origin, req.get('host'), allowedOrigins);
    res.vary('Origin');
    if (origin && allowed) {
      res.set('Access-Control-Allow-Origin', origin);
      res.set('Access-Control-Allow-Credentials', 'true');
    }
    if (req.method === 'OPTIONS') {
      if (!allowed) {
        res.status(403).end();
        return;
      }
      res.set('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
      res.set('Access-Control-Allow-Headers', 'Content-Type, Authorization, X-Beside-CSRF');
      res.set('Access-Control-Max-Age', '600');
      res.status(204).end();
      return;
    }
    if (!allowed && !SAFE_METHODS.has(req.method)) {
      res.status(403).json({ error: { code: 'forbidden', message: 'Cross-site request refused.' } } satisfies ErrorBody);
      return;
    }
    next();
  };
}
