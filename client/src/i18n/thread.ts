// Words for one thread across hand-offs: the earlier part of a chat and the neutral line at each change of person.
import type { EndReason, Language } from '@beside/shared';
import { useDictionary } from './index';

export interface ThreadWords {
  /** Above the earlier parts. */
  earlier: string;
  /** The neutral line where one person left and the next one is with the reader. */
  change: (from: string, to: string, reason: EndReason | undefined) => string;
  /** While waiting again after a return to the queue: the last person left, nobody yet. */
  waitingAfter: (from: string) => string;
  /** An earlier part whose transcript is gone. */
  deleted: string;
}

/** The survivor reads the change calmly; nothing about why a volunteer left is theirs to worry about. */
const survivorEn: ThreadWords = {
  earlier: 'Earlier in this conversation',
  change: (from, to) => `${from} had to leave; ${to} is with you now. They can read what you wrote before.`,
  waitingAfter: (from) => `${from} had to leave. Everything you wrote is still here; the next volunteer will be able to read it.`,
  deleted: 'This part of the conversation has been deleted.',
};

const survivorEs: ThreadWords = {
  earlier: 'Antes en esta conversación',
  change: (from, to) => `${from} tuvo que irse; ahora te acompaña ${to}. Puede leer lo que escribiste antes.`,
  waitingAfter: (from) => `${from} tuvo que irse. Todo lo que escribiste sigue aquí; la próxima persona voluntaria podrá leerlo.`,
  deleted: 'Esta parte de la conversación se ha borrado.',
};

/** The next volunteer is told what the earlier part is, and why it came to them. */
const staffEn: ThreadWords = {
  earlier: 'Earlier in this conversation (read-only)',
  change: (from, to, reason) =>
    reason === 'transferred'
      ? `${from} transferred the chat; ${to} is with the visitor now.`
      : reason === 'volunteer_unavailable'
        ? `${from}'s connection dropped and the visitor went back to the queue; ${to} is with them now.`
        : `${from} left the chat; ${to} is with the visitor now.`,
  waitingAfter: (from) => `${from} left the chat.`,
  deleted: 'The visitor deleted this part of the conversation.',
};

const survivorDictionaries: Record<Language, ThreadWords> = { en: survivorEn, es: survivorEs };

export const threadDictionaries = { survivor: survivorDictionaries, staff: { en: staffEn } };

/** The survivor page's thread words in the chosen language. */
export function useSurvivorThreadT(): ThreadWords {
  return useDictionary(survivorDictionaries);
}

/** The staff surfaces' thread words (English only, like the rest of the console). */
export function useStaffThreadT(): ThreadWords {
  return useDictionary<ThreadWords>(threadDictionaries.staff);
}
