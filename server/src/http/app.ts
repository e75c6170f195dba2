// The Express application: security headers, body limits, the API routers, the client, and one error handler.
import express, { type Express } from 'express';
import helmet from 'helmet';
import type { AppContext } from '../context.js';
import { corsAndOriginGuard } from './cors.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { refuseNulBytes } from './nulBytes.js';
import { authRouter } from './routes/auth.js';
import { invitesRouter } from './routes/invites.js';
import { passwordResetRouter } from './routes/passwordReset.js';
import { scheduleRouter } from './routes/schedule.js';
import { staffAdminRouter } from './routes/staffAdmin.js';
import { conversationsRouter } from './routes/conversations.js';
import { healthRouter } from './routes/health.js';
import { visitorRouter } from './routes/visitor.js';
import { privacyRouter } from './routes/privacy.js';
import { resourcesRouter } from './routes/resources.js';
import { moderationRouter } from './routes/moderation.js';
import { consoleRouter } from './routes/console.js';
import { availabilityRouter } from './routes/availability.js';
import { onCallRouter } from './routes/oncall.js';
import { staticRouter } from './static.js';

export const JSON_BODY_LIMIT = '16kb';

export function createHttpApp(ctx: AppContext, isShuttingDown: () => boolean): Express {
  const app = express();
  app.disable('x-powered-by');
  // API answers are never cached (Cache-Control: no-store), so an ETag would only let a 304 confirm that an
  // answer is unchanged. The client's files get theirs from the static handler, which keeps its own.
  app.set('etag', false);
  app.set('trust proxy', ctx.config.trustProxy ? 1 : false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'"],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
        },
      },
      referrerPolicy: { policy: 'no-referrer' },
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use('/api', corsAndOriginGuard(ctx.config.allowedOrigins));
  app.use('/api', (_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  // Quick exit reads its body as text whatever it claims to be (sendBeacon posts text/plain, a hurried page may send
  // anything): it must answer 204 with Clear-Site-Data even to a body that is not JSON.
  app.use('/api/visitor/exit', express.text({ limit: JSON_BODY_LIMIT, type: () => true }));
  app.use(express.json({ limit: JSON_BODY_LIMIT }));
  app.use('/api', refuseNulBytes);

  app.use(healthRouter(ctx, isShuttingDown));
  app.use(visitorRouter(ctx));
  app.use(authRouter(ctx));
  app.use(invitesRouter(ctx));
  app.use(passwordResetRouter(ctx));
  app.use(staffAdminRouter(ctx));
  app.use(scheduleRouter(ctx));
  app.use(conversationsRouter(ctx));
  app.use(privacyRouter(ctx));
  app.use(availabilityRouter(ctx));
  app.use(resourcesRouter(ctx));
  app.use(moderationRouter(ctx));
  app.use(consoleRouter(ctx));
  app.use(onCallRouter(ctx));
  app.use('/api', notFoundHandler);
  app.use(staticRouter(ctx.config.clientDir));
  app.use(notFoundHandler);
  app.use(errorHandler(ctx.logger));
  return app;
}
