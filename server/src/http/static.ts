// Serves the built React client, with the SPA's routes falling back to index.html.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

/** Client routes that render the SPA (everything else unknown is a 404). */
const SPA_ROUTES = /^\/(|staff|staff\/.*|setup|privacy|moderator|moderator\/.*|admin|admin\/.*|invite)$/;

export function staticRouter(clientDir: string | undefined): Router {
  const router = express.Router();
  if (!clientDir || !fs.existsSync(path.join(clientDir, 'index.html'))) {
    router.get('/', (_req, res) => {
      res.type('text/plain').send('The client is not built. Run `npm run build` (npm start does this for you).');
    });
    return router;
  }
  // Hashed assets may be cached; the HTML never is (it may be the survivor page on a shared device).
  router.use(
    '/assets',
    express.static(path.join(clientDir, 'assets'), { immutable: true, maxAge: '1y', index: false, dotfiles: 'deny' }),
  );
  router.use(express.static(clientDir, { index: false, dotfiles: 'deny', maxAge: 0 }));
  const indexHtml = path.join(clientDir, 'index.html');
  router.get(SPA_ROUTES, (_req, res) => {
    res.set('Cache-Control', 'no-store');
    res.sendFile(indexHtml);
  });
  return router;
}
