// Anonymous visitor sessions as the survivor page opens them, from a chosen address when the test needs one.
import type { VisitorSessionResponse } from '@beside/shared';

/** Opens a visitor session and returns the whole answer; throws unless it was created. */
export async function openVisitorSession(baseUrl: string, headers: Record<string, string> = {}): Promise<VisitorSessionResponse> {
  const res = await fetch(`${baseUrl}/api/visitor/session`, { method: 'POST', headers });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`visitor session: ${res.status} ${text}`);
  return JSON.parse(text) as VisitorSessionResponse;
}

export async function visitorToken(baseUrl: string, headers: Record<string, string> = {}): Promise<string> {
  return (await openVisitorSession(baseUrl, headers)).token;
}
