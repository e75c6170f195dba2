// Serves the built React client, with the SPA's routes falling back to index.html.
import fs from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

/** Client routes that render the SPA (everything else unknown is a 404). */
const SPA_ROUTES = /^\/(|staff|staff\/.*|setup|privacy|moderator|moderator\/.*|admin|admin\/.*|invite|reset)$/;

export function staticRouter(clientDir: string | undefined): Router {
  const router = express.Router();
  if (!clientDir || !fs.existsSync(path.join(clientDir, 'index.html'))) {
    router.get('/', (_req, res) => {
      res.type('text/plain').send('The client is not built. Run `npm run build` (npm start does this for you).');
    });
    return router;
  }
  // Hashed assets may be cached; the HTML never is (it may be the survivor page on a shared device).
  router.use('/assets', precompressed(path.join(clientDir, 'assets')));
  router.use(
    '/assets',
    express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y', index: false, dotfiles: 'deny' }),
  );
  router.use(express.static(clientDir, { index: false, dotfiles: 'deny', maxAge: 0 }));
  const indexHtml = path.join(clientDir, 'index.html');
  router.get(SPA_ROUTES, (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    // The path is ours and absolute: dot-segments in the install path (a checkout under ~/.local) are allowed.
    res.sendFile(indexHtml, { dotfiles: 'allow' }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  });
  return router;
}

const ENCODINGS = [
  { name: 'br', suffix: '.br', accepts: /\bbr\b/ },
  { name: 'gzip', suffix: '.gz', accepts: /\bgzip\b/ },
] as const;

/**
 * Sends the Brotli or gzip copy the build wrote beside an asset (client/scripts/precompress.mjs), when the browser
 * takes it: no compression work per request, and only for our own static files, never for API answers (which
 * would mix secrets with what a visitor typed: the BREACH attack). Anything else falls through to express.static.
 * The build writes the assets before the server starts, so which copies exist is read once, here.
 */
function precompressed(assetsDir: string) {
  const copies = new Set(fs.existsSync(assetsDir) ? fs.readdirSync(assetsDir) : []);
  return (req: Request, res: Response, next: NextFunction): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const name = req.path.slice(1);
    // Only plain file names of the build (hashed, no folders, no dots leading): nothing to traverse.
    if (!/^[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(js|css|svg)$/.test(name)) return next();
    const accepted = String(req.headers['accept-encoding'] ?? '');
    const encoding = ENCODINGS.find((e) => copies.has(name + e.suffix) && e.accepts.test(accepted));
    res.vary('Accept-Encoding');
    if (!encoding) return next();
    res.type(path.extname(name));
    res.set({ 'Content-Encoding': encoding.name, 'Cache-Control': 'public, max-age=31536000, immutable' });
    res.sendFile(path.join(assetsDir, name + encoding.suffix), { dotfiles: 'allow' }, (err) => {
      if (err && !res.headersSent) next();
    });
  };
}
