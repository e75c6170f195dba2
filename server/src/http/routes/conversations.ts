// Conversation history over REST, for participants only (a reconnecting client catches up here or by socket).
import { Router } from 'express';
import { messagesQuery, uuidSchema, type MessagesResponse } from '@beside/shared';
import type { AppContext } from '../../context.js';
import { requireReader } from '../../domain/conversations/conversations.js';
import { loadMessages } from '../../domain/conversations/messages.js';
import { principalOf, requireAnyPrincipal } from '../auth.js';
import { parseOrThrow } from '../errors.js';

export function conversationsRouter(ctx: AppContext): Router {
  const router = Router();
  router.get('/api/conversations/:id/messages', requireAnyPrincipal(ctx), async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const query = parseOrThrow(messagesQuery, req.query);
    const conv = await requireReader(ctx.db, principalOf(req), id);
    res.json({ messages: await loadMessages(ctx.db, ctx.cipher, conv, query.afterSeq, query.limit) } satisfies MessagesResponse);
  });
  return router;
}
