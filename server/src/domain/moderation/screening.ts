// Screening of chat messages: what is held back before storing, and what follows delivery (warnings, risk, flags).
import { and, eq } from 'drizzle-orm';
import { RISK_STEP_CODES, type ChatMessage, type ContactKind, type RiskBanner, type RiskResource, type SafetyNotice } from '@beside/shared';
import type { Services } from '../core/services.js';
import { conversations, resources } from '../../db/schema.js';
import { errorFields } from '../../logger.js';
import type { Principal } from '../../security/tokens.js';
import { recordAudit } from '../core/audit.js';
import { loadConversation } from '../conversations/loader.js';
import type { ConversationRow } from '../conversations/conversations.js';
import { detect, detectContactDetails, type ContactAllowlist, type Detection } from './detection.js';
import { Invalid } from '../core/errors.js';
import { flagQueueItem, raiseFlag } from './flags.js';
import { listActiveResources } from '../privacy/resources.js';
import { getStaff } from '../staff/accounts.js';
import { assertNotTakenOver, riskAlertOf } from './supervision.js';
import { alertOfConversation, raiseAlert, supervisorReach } from './alerts.js';

export type ScreeningDeps = Pick<Services, 'db' | 'clock' | 'cipher' | 'logger' | 'live' | 'config'>;

const CONTACT_WORDS: Record<ContactKind, string> = {
  phone: 'a phone number',
  email: 'an e-mail address',
  social_handle: 'a social media handle',
  link: 'a link',
  request: 'a request for contact details',
};

/**
 * The English fallback of the explanation a volunteer reads when a message is held back. Consoles word it from
 * the error's `details` ({reason: 'contact_details', kinds}) in the staff member's language.
 */
export function heldBackExplanation(kinds: ContactKind[]): string {
  const found = kinds.map((k) => CONTACT_WORDS[k]).join(', ');
  return (
    `Not sent: this message contains ${found}. Sharing or asking for personal contact details is a boundary ` +
    `breach at Beside: a survivor's safety depends on the conversation staying here, anonymous. Nothing was ` +
    `stored or delivered. To point someone to a support service, share it from the resources list.`
  );
}

const ALLOWLIST_TTL_MS = 60_000;
let allowCache: { at: number; list: ContactAllowlist } | undefined;

/** Phone numbers and domains of the resources directory: a volunteer may always point to those. */
async function resourceAllowlist(deps: ScreeningDeps): Promise<ContactAllowlist> {
  const now = Date.now();
  if (allowCache && now - allowCache.at < ALLOWLIST_TTL_MS) return allowCache.list;
  const rows = await deps.db
    .select({ phone: resources.phone, sms: resources.smsNumber, url: resources.url, chat: resources.chatUrl })
    .from(resources)
    .where(eq(resources.active, true));
  const phones = rows.flatMap((r) => [r.phone, r.sms]).filter((p): p is string => !!p);
  const domains = rows
    .flatMap((r) => [r.url, r.chat])
    .filter((u): u is string => !!u)
    .map((u) => {
      try {
        return new URL(u).hostname.replace(/^www\./, '');
      } catch {
        return '';
      }
    })
    .filter(Boolean);
  const list = { phones, domains };
  allowCache = { at: now, list };
  return list;
}

/**
 * Runs before a message is stored. A volunteer's message with contact details is refused (Invalid on `body`, with
 * the explanation; the attempt is audited without its text). A volunteer whose chat a moderator took over can no
 * longer write to the survivor.
 */
export async function screenBeforeSend(
  deps: ScreeningDeps,
  conv: ConversationRow,
  principal: Principal,
  body: string,
): Promise<Detection> {
  if (principal.kind === 'staff') await assertNotTakenOver(deps.db, conv, principal.userId);
  const allow = await resourceAllowlist(deps);
  // Crisis language and abuse are looked for in what the survivor writes (actOnDelivered); a volunteer's message is
  // screened for contact details only.
  const detection: Detection =
    principal.kind === 'staff' ? { crisis: [], abuse: [], contact: detectContactDetails(body, { allow }) } : detect(body, { allow });
  if (principal.kind === 'staff' && detection.contact.length > 0) {
    await recordAudit(deps.db, deps.clock, {
      actorId: principal.userId,
      actorRole: principal.role,
      action: 'message.held_back',
      targetType: 'conversation',
      targetId: conv.id,
      details: { reason: 'contact_details', kinds: detection.contact.join(',') },
    });
    throw new Invalid(heldBackExplanation(detection.contact), 'body', { reason: 'contact_details', kinds: detection.contact });
  }
  return detection;
}

/**
 * Runs after a survivor's message was stored and delivered: a private safety note when they shared contact
 * details, high risk with alerts on crisis language, and an automatic flag on abuse aimed at the volunteer.
 * Failures are logged and never undo the message.
 */
export async function actOnDelivered(deps: ScreeningDeps, conv: ConversationRow, message: ChatMessage, detection: Detection): Promise<void> {
  if (message.sender !== 'visitor') return;
  const steps: [string, () => Promise<void>][] = [
    ['safety_notice', () => warnAboutOwnContactDetails(deps, conv, message, detection)],
    ['risk', () => raiseRiskOnCrisis(deps, conv, detection)],
    ['auto_flag', () => flagAbuse(deps, conv, message, detection)],
  ];
  for (const [step, run] of steps) {
    try {
      await run();
    } catch (err) {
      deps.logger.error('moderation.after_message_failed', { step, conversationId: conv.id, ...errorFields(err) });
    }
  }
}

async function warnAboutOwnContactDetails(deps: ScreeningDeps, conv: ConversationRow, message: ChatMessage, detection: Detection): Promise<void> {
  // Asking for the volunteer's details is not a risk to the survivor's own safety; sharing theirs is.
  if (!detection.contact.some((k) => k !== 'request')) return;
  // The survivor's page words the note in the language it shows.
  const notice: SafetyNotice = { conversationId: conv.id, messageId: message.id, kind: 'contact_details' };
  deps.live.emit({ visitors: [conv.visitorId] }, 'safety:notice', notice);
}

async function raiseRiskOnCrisis(deps: ScreeningDeps, conv: ConversationRow, detection: Detection): Promise<void> {
  if (detection.crisis.length === 0) return;
  await markHighRisk(deps, conv, detection.crisis, 'detector');
}

/** Where a mark of high risk came from; each raises the same kind of alert. */
export type RiskSource = 'detector' | 'volunteer' | 'intake';

const ALERT_KIND_OF = { detector: 'crisis', volunteer: 'volunteer_marked', intake: 'intake_danger' } as const;

/**
 * Marks a conversation high-risk (nothing moves in any queue), raises (or adds to) its alert for the moderators on
 * duty, and shows its volunteer the risk banner. The risk changes from normal to high once, whichever node saw it
 * first; a further sign (another crisis kind, the volunteer marking it imminent) is added to the one alert and the
 * banner is shown again with it.
 */
export async function markHighRisk(
  deps: ScreeningDeps,
  conv: ConversationRow,
  kinds: RiskBanner['kinds'],
  source: RiskSource,
  options: { imminent?: boolean } = {},
): Promise<boolean> {
  const [changed] = await deps.db
    .update(conversations)
    .set({ risk: 'high' })
    .where(and(eq(conversations.id, conv.id), eq(conversations.risk, 'normal')))
    .returning({ id: conversations.id });
  // Crisis words and the intake's danger answer are imminent until someone who can judge says otherwise.
  const imminent = options.imminent ?? source !== 'volunteer';
  const raised = await raiseAlert(deps, { conversationId: conv.id, kind: ALERT_KIND_OF[source], crisisKinds: kinds, imminent });
  const at = deps.clock.now().toISOString();
  if (changed) {
    await recordAudit(deps.db, deps.clock, {
      actorId: null,
      actorRole: 'system',
      action: 'conversation.risk_raised',
      targetType: 'conversation',
      targetId: conv.id,
      details: { kinds: kinds.join(','), source, imminent },
    });
    await announceRisk(deps, conv, kinds, at);
  } else if (raised?.changed && source === 'volunteer') {
    // The volunteer marked a chat already high-risk (imminent now): their banner shows it.
    deps.live.emit({ staff: [conv.volunteerId] }, 'risk:banner', await riskBanner(deps, conv, kinds, at));
  }
  return Boolean(changed);
}

/**
 * A high-risk chat that moved on (transferred, or re-matched after going back to the queue) keeps its risk: the
 * moderators are alerted about the new conversation and its new volunteer sees the banner and protocol at once.
 */
export async function riskFollowsChat(deps: ScreeningDeps, conversationId: string): Promise<void> {
  const conv = await loadConversation(deps.db, conversationId);
  if (conv?.status === 'active' && conv.risk === 'high') await announceRisk(deps, conv, [], deps.clock.now().toISOString());
}

async function announceRisk(deps: ScreeningDeps, conv: ConversationRow, kinds: RiskBanner['kinds'], at: string): Promise<void> {
  const volunteer = await getStaff(deps.db, conv.volunteerId);
  deps.live.emit({ moderators: true }, 'risk:alert', riskAlertOf(conv, volunteer?.displayName ?? '', kinds, at));
  deps.live.emit({ staff: [conv.volunteerId] }, 'risk:banner', await riskBanner(deps, conv, kinds, at));
}

/** The banner for a high-risk conversation: the protocol's steps and the emergency and crisis lines in its language. */
export async function riskBanner(
  deps: Pick<ScreeningDeps, 'db' | 'clock' | 'live' | 'config'>,
  conv: ConversationRow,
  kinds: RiskBanner['kinds'],
  raisedAt: string,
): Promise<RiskBanner> {
  const language = conv.language;
  const list = (await listActiveResources(deps.db, language)).filter((r) => r.category === 'emergency' || r.category === 'crisis');
  const resourcesShown: RiskResource[] = list.map((r) => ({
    name: r.name,
    description: r.description,
    ...(r.phone ? { phone: r.phone } : {}),
    ...(r.smsNumber ? { smsNumber: r.smsNumber } : {}),
    ...(r.smsKeyword ? { smsKeyword: r.smsKeyword } : {}),
    ...(r.url ? { url: r.url } : {}),
    ...(r.chatUrl ? { chatUrl: r.chatUrl } : {}),
    ...(r.hours ? { hours: r.hours } : {}),
  }));
  // The kinds the thread's alert holds, so a reload keeps what was read, and whether it is imminent.
  const alert = await alertOfConversation(deps.db, conv.id);
  const allKinds = [...new Set([...kinds, ...(alert?.crisisKinds ?? [])])];
  // Every step, in order, as codes: the console words them in the staff member's language, whatever the chat's.
  const reach = await supervisorReach(deps, conv.id);
  const acknowledged = alert?.status === 'acknowledged' && alert.acknowledgedByName ? { acknowledgedByName: alert.acknowledgedByName } : {};
  return { conversationId: conv.id, kinds: allKinds, imminent: alert?.imminent ?? false, reach, ...acknowledged, signs: alert?.kinds ?? [], steps: [...RISK_STEP_CODES], resources: resourcesShown, raisedAt };
}

async function flagAbuse(deps: ScreeningDeps, conv: ConversationRow, message: ChatMessage, detection: Detection): Promise<void> {
  for (const kind of detection.abuse) {
    const reason = kind === 'sexual' ? 'sexual_content' : 'abusive_language';
    const { row, created } = await raiseFlag(deps.db, deps.clock, deps.cipher, {
      conversationId: conv.id,
      source: 'auto',
      raisedById: null,
      reason,
      messageIds: [message.id],
    });
    if (!created) continue;
    await recordAudit(deps.db, deps.clock, {
      actorId: null,
      actorRole: 'system',
      action: 'flag.raised',
      targetType: 'flag',
      targetId: row.id,
      details: { conversationId: conv.id, source: 'auto', reason, severity: row.severity },
    });
    deps.live.emit({ moderators: true }, 'flag:new', await flagQueueItem(deps.db, row.id));
  }
}

/** The risk banners a volunteer should see again after a reload: one for each of their live high-risk chats. */
export async function riskBannersFor(deps: Pick<Services, 'db' | 'clock' | 'live' | 'config'>, staffId: string): Promise<RiskBanner[]> {
  const highRisk = await deps.db
    .select()
    .from(conversations)
    .where(and(eq(conversations.volunteerId, staffId), eq(conversations.status, 'active'), eq(conversations.risk, 'high')));
  const at = deps.clock.now().toISOString();
  return Promise.all(highRisk.map((conv) => riskBanner(deps, conv, [], at)));
}
