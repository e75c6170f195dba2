// One thread across hand-offs: the earlier parts of a chat that was transferred or returned to the queue.
import { z } from 'zod';
import type { ChatMessage, EndReason } from './models.js';

/** thread:history — the parts of a conversation's thread up to and including it. */
export const threadHistorySchema = z.object({ conversationId: z.string().uuid('must be a UUID') }).strict();
export type ThreadHistoryInput = z.infer<typeof threadHistorySchema>;

/** One conversation of a thread: who the survivor talked with, how that part ended, and what was said. */
export interface ThreadPart {
  conversationId: string;
  /** The volunteer of this part, as the survivor saw them. */
  volunteerName: string;
  startedAt: string;
  endedAt?: string;
  /** How this part ended: `transferred`, `volunteer_unavailable` (a return to the queue) … absent while active. */
  endReason?: EndReason;
  /** The survivor deleted it, or retention did: `messages` is empty. */
  transcriptDeleted: boolean;
  /** In `seq` order; at most 500 (the newest). */
  messages: ChatMessage[];
}

/** The answer to thread:history: oldest part first; the asked-for conversation is the last part. */
export interface ThreadHistory {
  threadId: string;
  conversationId: string;
  parts: ThreadPart[];
}

/** The parts of a thread a moderator's transcript spans (the messages carry their conversationId). */
export type ThreadPartSummary = Omit<ThreadPart, 'messages'>;
