// The volunteer console's REST calls (canned replies, resources, wrap-up), with the staff access token.
import type {
  CannedResponsesResponse,
  Language,
  ResourcesResponse,
  WrapUpBody,
  WrapUpView,
} from '@beside/shared';
import { getJson, postJson } from '../ui/api';

export function searchCanned(token: string, q: string, lang: Language): Promise<CannedResponsesResponse> {
  const query = new URLSearchParams({ q, lang });
  return getJson<CannedResponsesResponse>(`/api/canned-responses?${query.toString()}`, { token });
}

export function listResources(lang: Language): Promise<ResourcesResponse> {
  return getJson<ResourcesResponse>(`/api/resources?lang=${lang}`);
}

export function submitWrapUp(token: string, conversationId: string, body: WrapUpBody): Promise<WrapUpView> {
  return postJson<WrapUpView>(`/api/conversations/${encodeURIComponent(conversationId)}/wrap-up`, body, { token });
}

export function getWrapUp(token: string, conversationId: string): Promise<{ wrapUp: WrapUpView | null }> {
  return getJson<{ wrapUp: WrapUpView | null }>(`/api/conversations/${encodeURIComponent(conversationId)}/wrap-up`, { token });
}
