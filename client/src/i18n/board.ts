// The live board's words in the console's language (English only for now: board.en.ts).
import { useDictionary } from './index';
import { boardEn, type BoardWords } from './board.en';

export type { BoardWords };

export function useBoardT(): BoardWords {
  return useDictionary<BoardWords>({ en: boardEn });
}
