// Typed calls to the staff-management, schedule, canned-reply and resource endpoints, with the staff Bearer token.
import type {
  AdminResourcesResponse,
  CannedCreateBody,
  CannedPatchBody,
  CannedResponse,
  CannedResponsesResponse,
  CoverageResponse,
  InviteCreateBody,
  InviteCreated,
  InviteList,
  InviteView,
  PasswordResetIssued,
  PublishedSlots,
  PublishSlotsBody,
  RecoveryCodes,
  Resource,
  ResourceCreateBody,
  ResourcePatchBody,
  ScheduleResponse,
  ShiftSlotView,
  SignupResult,
  StaffAccount,
  StaffList,
  StaffStatusBody,
  StaffStatusChanged,
  StaffUpdateBody,
  TotpConfirmed,
  TotpSetup,
  TrainingBody,
} from '@beside/shared';
import { RequestError } from '../ui/api';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One JSON request; errors become the contract's ApiError inside a RequestError, like ui/api. */
export async function request<T>(method: Method, path: string, token: string | undefined, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new RequestError(0, { code: 'unavailable', message: 'The server could not be reached.', retryable: true });
  }
  const payload: unknown = response.status === 204 ? undefined : await response.json().catch(() => undefined);
  if (!response.ok) {
    const error = (payload as { error?: RequestError['apiError'] } | undefined)?.error;
    throw new RequestError(
      response.status,
      error && typeof error === 'object' && 'message' in error
        ? error
        : { code: response.status === 429 ? 'rate_limited' : 'internal', message: `Request failed (${response.status}).` },
    );
  }
  return payload as T;
}

const q = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export function adminApi(token: string) {
  const call = <T>(method: Method, path: string, body?: unknown) => request<T>(method, path, token, body);
  return {
    me: () => call<StaffAccount>('GET', '/api/auth/me'),
    staff: () => call<StaffList>('GET', '/api/staff'),
    updateStaff: (id: string, body: StaffUpdateBody) => call<StaffAccount>('PATCH', `/api/staff/${id}`, body),
    setTraining: (id: string, body: TrainingBody) => call<StaffAccount>('PUT', `/api/staff/${id}/training`, body),
    issuePasswordReset: (id: string) => call<PasswordResetIssued>('POST', `/api/staff/${id}/password-reset`),
    setStatus: (id: string, body: StaffStatusBody) => call<StaffStatusChanged>('POST', `/api/staff/${id}/status`, body),
    reset2fa: (id: string) => call<StaffAccount>('POST', `/api/staff/${id}/2fa/reset`),
    invites: () => call<InviteList>('GET', '/api/staff/invites'),
    invite: (body: InviteCreateBody) => call<InviteCreated>('POST', '/api/staff/invites', body),
    revokeInvite: (id: string) => call<InviteView>('DELETE', `/api/staff/invites/${id}`),
    schedule: (from: string, days = 7) => call<ScheduleResponse>('GET', `/api/schedule${q({ from, days })}`),
    publishSlots: (body: PublishSlotsBody) => call<PublishedSlots>('POST', '/api/schedule/slots', body),
    deleteSlot: (id: string) => call<void>('DELETE', `/api/schedule/slots/${id}`),
    signUp: (id: string) => call<SignupResult>('POST', `/api/schedule/slots/${id}/signup`),
    withdraw: (id: string) => call<ShiftSlotView>('DELETE', `/api/schedule/slots/${id}/signup`),
    coverage: () => call<CoverageResponse>('GET', '/api/schedule/coverage'),
    canned: () => call<CannedResponsesResponse>('GET', '/api/admin/canned-responses'),
    createCanned: (body: CannedCreateBody) => call<CannedResponse>('POST', '/api/admin/canned-responses', body),
    updateCanned: (id: string, body: CannedPatchBody) => call<CannedResponse>('PATCH', `/api/admin/canned-responses/${id}`, body),
    deleteCanned: (id: string) => call<void>('DELETE', `/api/admin/canned-responses/${id}`),
    resources: () => call<AdminResourcesResponse>('GET', '/api/admin/resources'),
    createResource: (body: ResourceCreateBody) => call<Resource>('POST', '/api/admin/resources', body),
    updateResource: (id: string, body: ResourcePatchBody) => call<Resource>('PATCH', `/api/admin/resources/${id}`, body),
    deleteResource: (id: string) => call<void>('DELETE', `/api/admin/resources/${id}`),
    totpSetup: () => call<TotpSetup>('POST', '/api/auth/2fa/setup'),
    totpConfirm: (code: string) => call<TotpConfirmed>('POST', '/api/auth/2fa/confirm', { code }),
    newRecoveryCodes: (code: string) => call<RecoveryCodes>('POST', '/api/auth/2fa/recovery-codes', { code }),
  };
}

export type AdminApi = ReturnType<typeof adminApi>;

/**
 * A person-readable message for a failed call: the server's own message, led by the label of the field it names
 * ("Phone: needs a phone number, …") when `labels` knows that field.
 */
export function errorText(error: unknown, fallback: string, labels: Record<string, string> = {}): string {
  if (!(error instanceof RequestError)) return fallback;
  const { message, field } = error.apiError;
  if (!field) return message;
  const bare = message.startsWith(`${field}:`) ? message.slice(field.length + 1).trim() : message;
  const label = labels[field.split('.')[0] ?? field] ?? field;
  return `${label}: ${bare}`;
}
