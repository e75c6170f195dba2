// The shift schedule: admins publish slots, staff sign up (with a weekly-hours warning), coverage gaps by language.
import { Router } from 'express';
import {
  publishSlotsBody,
  scheduleQuery,
  uuidSchema,
  type CoverageResponse,
  type PublishedSlots,
  type ScheduleResponse,
  type ShiftSlotView,
  type SignupResult,
} from '@beside/shared';
import type { AppContext } from '../../context.js';
import { cancelSignup, coverage, deleteSlot, listSlots, publishSlots, signUpForSlot, startOfHour, weekStartOf } from '../../domain/staff/schedule.js';
import { requireStaff } from '../auth.js';
import { parseOrThrow } from '../errors.js';
import { auditFrom, currentStaff } from './authSupport.js';

const DAY_MS = 24 * 3600_000;

export function scheduleRouter(ctx: AppContext): Router {
  const router = Router();
  const anyStaff = requireStaff(ctx);
  const adminOnly = requireStaff(ctx, ['admin']);
  const supervisors = requireStaff(ctx, ['admin', 'moderator']);
  const audit = auditFrom(ctx);

  /** The schedule from `from` (default: Monday 00:00 UTC of this week) for `days` days. */
  router.get('/api/schedule', anyStaff, async (req, res) => {
    const query = parseOrThrow(scheduleQuery, req.query);
    const viewer = await currentStaff(ctx, req);
    const from = query.from ? new Date(query.from) : weekStartOf(ctx.clock.now());
    const to = new Date(from.getTime() + query.days * DAY_MS);
    const slots = await listSlots(ctx.db, viewer.id, { from, to });
    res.json({ from: from.toISOString(), to: to.toISOString(), slots } satisfies ScheduleResponse);
  });

  router.post('/api/schedule/slots', adminOnly, async (req, res) => {
    const body = parseOrThrow(publishSlotsBody, req.body);
    const actor = await currentStaff(ctx, req);
    const ids = await publishSlots(ctx.db, ctx.clock, actor.id, body.slots);
    await audit(req, {
      actorId: actor.id,
      actorRole: actor.role,
      action: 'schedule.published',
      targetType: 'shift_slots',
      details: { slots: ids.length },
    });
    res.status(201).json({ slots: await listSlots(ctx.db, actor.id, { ids }) } satisfies PublishedSlots);
  });

  router.delete('/api/schedule/slots/:id', adminOnly, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const actor = await currentStaff(ctx, req);
    await deleteSlot(ctx.db, id);
    await audit(req, { actorId: actor.id, actorRole: actor.role, action: 'schedule.slot_deleted', targetType: 'shift_slot', targetId: id });
    res.status(204).end();
  });

  router.post('/api/schedule/slots/:id/signup', anyStaff, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const me = await currentStaff(ctx, req);
    const result = await signUpForSlot(ctx.db, ctx.clock, me.id, id, ctx.config.shifts.weeklyHoursWarning);
    res.json(result satisfies SignupResult);
  });

  router.delete('/api/schedule/slots/:id/signup', anyStaff, async (req, res) => {
    const id = parseOrThrow(uuidSchema, req.params.id);
    const me = await currentStaff(ctx, req);
    res.json((await cancelSignup(ctx.db, ctx.clock, me.id, id)) satisfies ShiftSlotView);
  });

  /** Hours with no volunteer scheduled, by language, from `from` (default: the start of this hour) for `days` days. */
  router.get('/api/schedule/coverage', supervisors, async (req, res) => {
    const query = parseOrThrow(scheduleQuery, req.query);
    const from = startOfHour(query.from ? new Date(query.from) : ctx.clock.now());
    res.json((await coverage(ctx.db, from, query.days * 24)) satisfies CoverageResponse);
  });

  return router;
}
