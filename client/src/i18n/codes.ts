// The shapes a dictionary gives the server's codes (system lines, refusals), and turning a code into words with them.
import type { ApiErrorDetails, ChatMessage, MessageRefusalReason, SystemLineCode } from '@beside/shared';

/** Every system line the server can post, worded for one reader; `params` are the line's own (e.g. a name). */
export type SystemLineWords = Record<SystemLineCode, (params: Record<string, string>) => string>;

/** Every reason a sent message can be refused for, worded for the person whose message it was. */
export type RefusalWords = { [R in MessageRefusalReason]: (details: Extract<ApiErrorDetails, { reason: R }>) => string };

/** The words of a system message; one with no code the reader knows (stored before codes, or newer) shows its body. */
export function systemLineText(words: SystemLineWords, message: ChatMessage): string {
  const system = message.system;
  const word = system ? (words as Partial<SystemLineWords>)[system.code] : undefined;
  return word && system ? word(system.params ?? {}) : message.body;
}

/** Why a message was refused, in the reader's words; undefined for a refusal with no reason to word. */
export function refusalText(words: RefusalWords, details: ApiErrorDetails | undefined): string | undefined {
  if (!details) return undefined;
  const word = (words as Partial<Record<string, (d: ApiErrorDetails) => string>>)[details.reason];
  return word?.(details);
}

/** "a", "a and b", "a, b and c", with the language's word for "and". */
export function listOf(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`;
}
