// The moderation REST calls, typed by the shared contract; every call carries the moderator's access token.
import type {
  AuditResponse,
  DashboardResponse,
  FlagDecision,
  FlagQueueItem,
  LiveBoard,
  LiveOverview,
  OnCallResponse,
  PageStatusResponse,
  StaffDirectory,
  Transcript,
  TranscriptPurpose,
} from '@beside/shared';
import { getJson, postJson } from '../ui/api';

export interface AuditFilters {
  actorId?: string;
  action?: string;
  targetId?: string;
  /** ISO date-time. */
  since?: string;
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

export const modApi = {
  live: (token: string) => getJson<LiveOverview>('/api/moderation/live', { token }),
  onCall: (token: string) => getJson<OnCallResponse>('/api/supervision/on-call', { token }),
  pageStatus: (token: string, alertId: string) => getJson<PageStatusResponse>(`/api/supervision/pages/${encodeURIComponent(alertId)}`, { token }),
  board: (token: string) => getJson<LiveBoard>('/api/moderation/board', { token }),
  flags: (token: string, status: 'open' | 'closed') =>
    getJson<{ flags: FlagQueueItem[] }>(`/api/moderation/flags${query({ status, limit: 200 })}`, { token }),
  openTranscript: (token: string, conversationId: string, purpose: TranscriptPurpose, flagId?: string) =>
    postJson<Transcript>(`/api/moderation/conversations/${encodeURIComponent(conversationId)}/transcript`, { purpose, flagId }, { token }),
  decide: (token: string, flagId: string, decision: FlagDecision, note: string, banDays?: number) =>
    postJson<FlagQueueItem>(
      `/api/moderation/flags/${encodeURIComponent(flagId)}/decision`,
      { decision, note, ...(decision === 'ban_survivor' && banDays ? { banDays } : {}) },
      { token },
    ),
  audit: (token: string, filters: AuditFilters, beforeId?: number) =>
    getJson<AuditResponse>(`/api/moderation/audit${query({ ...filters, beforeId, limit: 50 })}`, { token }),
  dashboard: (token: string) => getJson<DashboardResponse>('/api/dashboard', { token }),
  staff: (token: string) => getJson<StaffDirectory>('/api/moderation/staff', { token }),
};

/** "12 min ago" style ages, in whole minutes. */
export function minutesSince(iso: string, now = Date.now()): number {
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 60_000));
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
export const formatTime = (iso: string) => timeFormat.format(new Date(iso));
export const formatDateTime = (iso: string) => dateTimeFormat.format(new Date(iso));
