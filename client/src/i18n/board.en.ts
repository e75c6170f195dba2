// Words of the supervisors' live board (moderator console), English only like the rest of the console for now.
import type { BoardSupervision, ObserveReason } from '@beside/shared';

export interface BoardWords {
  nav: string;
  heading: string;
  intro: string;
  updated: (seconds: number) => string;
  stale: string;
  waitingHeading: (n: number) => string;
  chatsHeading: (n: number) => string;
  noneWaiting: string;
  noChats: string;
  sortBy: (column: string) => string;
  waitingColumns: { waited: string; signs: string; language: string; topic: string; place: string; state: string };
  chatColumns: { signs: string; volunteer: string; topic: string; survivorWrote: string; lastReply: string; supervision: string; action: string };
  urgent: string;
  highRisk: string;
  imminent: string;
  helpAsked: string;
  acknowledged: string;
  returning: string;
  pageClosed: string;
  waitingNow: string;
  place: (n: number) => string;
  notYet: string;
  awaitingReply: string;
  supervision: Record<BoardSupervision, string>;
  supervisedBy: (state: string, names: string) => string;
  observe: string;
  open: string;
  observeWhy: string;
  observeWhyHint: string;
  reasons: Record<ObserveReason, string>;
  observeConfirm: string;
  cancel: string;
  /** "3 min", "45 s", "2 h 05". */
  age: (seconds: number) => string;
  chatRow: (volunteer: string, topic: string) => string;
}

const age = (seconds: number): string => {
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')}`;
};

export const boardEn: BoardWords = {
  nav: 'Live board',
  heading: 'Live board',
  intro: 'Everyone waiting and every live chat, without what was said. Observing a chat is recorded with your name.',
  updated: (seconds) => (seconds < 3 ? 'Up to date' : `Updated ${age(seconds)} ago`),
  stale: 'Could not refresh the board: the figures may be out of date.',
  waitingHeading: (n) => `Waiting (${n})`,
  chatsHeading: (n) => `Live chats (${n})`,
  noneWaiting: 'Nobody is waiting.',
  noChats: 'No chat is going on.',
  sortBy: (column) => `Sort by ${column}`,
  waitingColumns: { waited: 'Waiting for', signs: 'Urgency and risk', language: 'Language', topic: 'Topic', place: 'Place', state: 'State' },
  chatColumns: {
    signs: 'Risk',
    volunteer: 'Volunteer',
    topic: 'Topic',
    survivorWrote: 'Survivor wrote',
    lastReply: 'Last reply',
    supervision: 'Supervision',
    action: 'Action',
  },
  urgent: 'Urgent',
  highRisk: 'High risk',
  imminent: 'Imminent',
  helpAsked: 'Help asked',
  acknowledged: 'acknowledged',
  returning: 'Back in the queue',
  pageClosed: 'Page closed, place held',
  waitingNow: 'Waiting',
  place: (n) => `${n}${n === 1 ? ' (next)' : ''}`,
  notYet: '—',
  awaitingReply: 'no reply yet',
  supervision: { none: 'None', observed: 'Observed', taken_over: 'Taken over' },
  supervisedBy: (state, names) => `${state}: ${names}`,
  observe: 'Observe',
  open: 'Open',
  observeWhy: 'Why observe this chat?',
  observeWhyHint: 'No sign escalated it; your reason is recorded with the look.',
  reasons: {
    awaiting_reply: 'The survivor has waited long for a reply',
    new_volunteer: 'A new volunteer',
    long_chat: 'An unusually long chat',
    spot_check: 'A routine check on my shift',
  },
  observeConfirm: 'Observe',
  cancel: 'Cancel',
  age,
  chatRow: (volunteer, topic) => `${volunteer}, ${topic}`,
};

