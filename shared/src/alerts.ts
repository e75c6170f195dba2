// Alerts: every sign of danger raises the same kind of alert, one per conversation thread (or per waiting queue
// entry before a match), acknowledged by a supervisor with a reason rather than dismissed. docs/PROTOCOL.md "Alerts".
import { z } from 'zod';
import type { CrisisKindName } from './moderation.js';
import type { Language, Topic } from './vocabulary.js';

/** What raised (or was added to) an alert. */
export const ALERT_KINDS = [
  /** The survivor answered "in immediate danger: yes" at intake. */
  'intake_danger',
  /** The detector read crisis language (suicide, self-harm, immediate danger) in the survivor's messages. */
  'crisis',
  /** The volunteer marked the chat high risk (or imminent) with the control in the chat, or flagged a risk to life. */
  'volunteer_marked',
  /** The volunteer asked a supervisor for help. */
  'help_request',
  /** An urgent survivor has waited longer than the configured time with no volunteer free. */
  'urgent_waiting',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** Why a supervisor acknowledges an alert: recorded with their name, in the audit log. */
export const ALERT_ACK_REASONS = [
  /** I am observing (or about to observe) the chat. */
  'observing',
  /** I spoke with the volunteer (whisper or otherwise) and they have it in hand. */
  'volunteer_has_it',
  /** The survivor is safe now. */
  'survivor_safe',
  /** Emergency services are on the way. */
  'emergency_services',
  /** The detector misread the messages (no risk in the chat). */
  'false_alarm',
] as const;
export type AlertAckReason = (typeof ALERT_ACK_REASONS)[number];

/**
 * Why a volunteer ends a chat marked imminent that no supervisor has acknowledged (the only way to end it alone).
 * The survivor's own ending and quick exit are never held back.
 */
export const IMMINENT_END_REASONS = ['survivor_safe', 'emergency_services'] as const;
export type ImminentEndReason = (typeof IMMINENT_END_REASONS)[number];

export type AlertStatus = 'open' | 'acknowledged' | 'closed';

/**
 * alert:raised / alert:updated, and GET /api/moderation/live `alerts`: one card per conversation thread (or waiting
 * entry). No message content, no visitor id.
 */
export interface AlertView {
  id: string;
  /** The live conversation of the thread; absent while the survivor is still waiting. */
  conversationId?: string;
  /** The waiting queue entry (before a match, or while back in the queue). */
  queueEntryId?: string;
  kinds: AlertKind[];
  /** The crisis categories the detector read (or the volunteer named), kept so a reload shows them. */
  crisisKinds: CrisisKindName[];
  /** Imminent risk: the volunteer cannot end the chat alone until a supervisor acknowledges it. */
  imminent: boolean;
  status: AlertStatus;
  topic: Topic;
  language: Language;
  urgent: boolean;
  volunteerId?: string;
  volunteerName?: string;
  raisedAt: string;
  /** When the last sign was added. */
  updatedAt: string;
  acknowledgedByName?: string;
  acknowledgedAt?: string;
  ackReason?: AlertAckReason;
}

/** alert:acknowledge (supervisor) */
export const alertAcknowledgeSchema = z.object({
  alertId: z.string().uuid(),
  reason: z.enum(ALERT_ACK_REASONS),
});
export type AlertAcknowledgeInput = z.infer<typeof alertAcknowledgeSchema>;

/** risk:mark (the chat's volunteer): mark the chat high risk, or imminent. */
export const riskMarkSchema = z.object({
  conversationId: z.string().uuid(),
  imminent: z.boolean(),
});
export type RiskMarkInput = z.infer<typeof riskMarkSchema>;

/** alert:closed — to the moderators: the thread or waiting entry behind an alert is over. */
export interface AlertClosed {
  id: string;
  closedAt: string;
}

/**
 * Who a sign of danger actually reached, for the words on the volunteer's screen (risk banner, "Ask for help"):
 * `online` supervisors (their names), or none online and the on-call supervisor `paged` (`onCall` names), or none
 * online and the on-call supervisor could not be paged (`unreachable`: no pager configured, or every attempt
 * failed), or `none` on call at all. Computed when the banner or the help request is answered.
 */
export type SupervisorReach =
  | { state: 'online'; names: string[] }
  | { state: 'paged'; onCall: string[] }
  | { state: 'unreachable'; onCall: string[] }
  | { state: 'none' };

/**
 * risk:reach — to the chat's volunteer: who their alert reaches now, after it changed (the page was sent or
 * failed, a supervisor acknowledged it). The banner's supervisor step and the help status are worded from it.
 */
export interface RiskReachUpdate {
  conversationId: string;
  reach: SupervisorReach;
  /** A supervisor acknowledged the alert (by name). */
  acknowledgedByName?: string;
}

/** supervision:hand_back (the supervisor who took the chat over): to its volunteer, or to another on-shift volunteer. */
export const handBackSchema = z.object({
  conversationId: z.string().uuid(),
  /** For the volunteer who has the chat next (shown to them as a whisper, kept after a reload). */
  note: z
    .string()
    .refine((s) => s.trim().length > 0, 'must not be empty')
    .refine((s) => s.length <= 1000, 'must be at most 1000 characters'),
  toVolunteerId: z.string().uuid().optional(),
});
export type HandBackInput = z.infer<typeof handBackSchema>;

/** The supervision:hand_back ack. */
export interface HandBackResult {
  /** The conversation the survivor is in now (a new part of the thread when handed to another volunteer). */
  conversationId: string;
  volunteerId: string;
  volunteerName: string;
}
