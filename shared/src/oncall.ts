// Supervisors on call (issue 13): slot roles, who is on shift and connected now, and the state of an alert's page.
import { z } from 'zod';

/** A slot's role: `volunteer` slots are chat shifts; `supervisor` slots are moderators' on-call hours. */
export const SLOT_ROLES = ['volunteer', 'supervisor'] as const;
export type SlotRole = (typeof SLOT_ROLES)[number];
export const slotRoleSchema = z.enum(SLOT_ROLES);

export interface SupervisorPresence {
  id: string;
  name: string;
}

/**
 * GET /api/supervision/on-call. `online`: moderators and admins with a connected console now (on any node);
 * `onCall`: those signed up to a supervisor slot that covers this moment, and whether each is connected.
 */
export interface SupervisorCoverage {
  online: SupervisorPresence[];
  onCall: (SupervisorPresence & { online: boolean })[];
}

export interface OnCallResponse extends SupervisorCoverage {
  /** Whether a pager webhook is configured: when false, nobody can be paged and the console says so. */
  pagerConfigured: boolean;
  /** Seconds an alert waits for an answer before the on-call supervisor is paged (when someone is connected). */
  pageAfterSeconds: number;
}

/**
 * Where an alert's page stands: `none` (no page: not raised, or answered before it was due), `pending` (due later,
 * or being retried), `sent`, `failed` (every attempt failed), `not_configured` (no pager webhook is set up).
 */
export const PAGE_STATUSES = ['none', 'pending', 'sent', 'failed', 'not_configured'] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

/** GET /api/supervision/pages/:alertId */
export interface PageStatusResponse {
  alertId: string;
  status: PageStatus;
}
