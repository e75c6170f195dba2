// The quick-exit button (first in keyboard order on every survivor screen) and its Escape shortcut.
import { useEffect } from 'react';
import { useT } from '../i18n';
import { quickExit } from './quickExit';

export function QuickExitButton() {
  const t = useT();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.isComposing) {
        event.preventDefault();
        quickExit();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);

  return (
    <button type="button" className="quick-exit" onClick={quickExit} title={t.quickExitHint}>
      <span className="quick-exit__label">{t.quickExit}</span>
      <span className="quick-exit__hint">{t.quickExitHint}</span>
    </button>
  );
}
