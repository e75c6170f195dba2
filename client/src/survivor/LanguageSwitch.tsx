// The survivor page's language switch: every survivor string follows it, and it is kept for this tab.
import { LANGUAGES } from '@beside/shared';
import { useLanguage, useT } from '../i18n';

export function LanguageSwitch() {
  const t = useT();
  const { language, setLanguage } = useLanguage();
  return (
    <div className="language-switch" role="group" aria-label={t.languageLabel}>
      {LANGUAGES.map((l) => (
        <button
          key={l}
          type="button"
          lang={l}
          className="language-switch__option"
          aria-pressed={language === l}
          onClick={() => setLanguage(l)}
        >
          {t.languageNames[l]}
        </button>
      ))}
    </div>
  );
}
