// The language mechanism: one context for the chosen language, dictionaries looked up by it.
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { LANGUAGES, type Language } from '@beside/shared';
import { en, type Messages } from './en';
import { es } from './es';

const survivorDictionaries: Record<Language, Messages> = { en, es };

interface LanguageContextValue {
  language: Language;
  setLanguage: (language: Language) => void;
}

const LanguageContext = createContext<LanguageContextValue>({ language: 'en', setLanguage: () => {} });

export function LanguageProvider(props: {
  initial: Language;
  onChange?: (language: Language) => void;
  children: ReactNode;
}) {
  const [language, setLanguageState] = useState<Language>(props.initial);
  const { onChange } = props;
  const value = useMemo<LanguageContextValue>(
    () => ({
      language,
      setLanguage: (next) => {
        setLanguageState(next);
        document.documentElement.lang = next;
        onChange?.(next);
      },
    }),
    [language, onChange],
  );
  return <LanguageContext.Provider value={value}>{props.children}</LanguageContext.Provider>;
}

export function useLanguage(): LanguageContextValue {
  return useContext(LanguageContext);
}

/** Looks a dictionary up by the current language, falling back to English where a surface is English-only. */
export function useDictionary<D>(dictionaries: Partial<Record<Language, D>> & { en: D }): D {
  const { language } = useLanguage();
  return dictionaries[language] ?? dictionaries.en;
}

/** The survivor page's strings in the chosen language. */
export function useT(): Messages {
  return useDictionary(survivorDictionaries);
}

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

export type { Messages };
