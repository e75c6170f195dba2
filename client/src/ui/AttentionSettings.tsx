// The staff's own choices about attention: sound on or off, desktop notifications (asked for only by a click), and a one-time nudge.
import { useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { useStaffT } from '../i18n/staff';
import { askForNotifications, notificationState, playTone, subscribeNotificationState, unlockSound, type NotificationState } from './attention';
import type { StaffAttention } from './useAttention';
import './attention.css';

function useNotificationState(): [NotificationState, () => Promise<void>] {
  const state = useSyncExternalStore(subscribeNotificationState, notificationState);
  return [
    state,
    async () => {
      await askForNotifications();
    },
  ];
}

/** A compact "Alerts" menu for the top bar. */
export function AttentionSettings(props: { attention: StaffAttention }) {
  const t = useStaffT().signals.settings;
  const { attention } = props;
  const [state, ask] = useNotificationState();
  const id = useId();
  const ref = useRef<HTMLDetailsElement>(null);

  // Closes on Escape and on a click elsewhere, like any menu.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const onDown = (e: PointerEvent) => {
      if (el.open && !el.contains(e.target as Node)) el.open = false;
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && el.open) {
        el.open = false;
        el.querySelector('summary')?.focus();
      }
    };
    document.addEventListener('pointerdown', onDown);
    el.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      el.removeEventListener('keydown', onKey);
    };
  }, []);

  return (
    <details className="attention-menu" ref={ref}>
      <summary className="button button--ghost button--small attention-menu__summary">
        <span aria-hidden="true" className={attention.prefs.sound ? 'attention-menu__icon' : 'attention-menu__icon attention-menu__icon--off'} />
        {t.open}
      </summary>
      <div className="attention-menu__panel" role="group" aria-labelledby={`${id}-h`}>
        <p id={`${id}-h`} className="attention-menu__title">
          {t.heading}
        </p>
        <label className="switch">
          <input type="checkbox" checked={attention.prefs.sound} onChange={(e) => attention.setSound(e.target.checked)} />
          <span>{t.sound}</span>
        </label>
        {attention.prefs.sound ? (
          <button
            type="button"
            className="link-button attention-menu__test"
            onClick={() => {
              unlockSound();
              playTone('urgent');
            }}
          >
            {t.soundTest}
          </button>
        ) : null}
        <p className="attention-menu__label">{t.desktop}</p>
        <p className="hint">
          {state === 'granted' ? t.desktopOn : state === 'denied' ? t.desktopBlocked : state === 'unsupported' ? t.desktopUnsupported : t.desktopOff}
        </p>
        {state === 'default' ? (
          <button type="button" className="button button--primary button--small" onClick={() => void ask()}>
            {t.turnOn}
          </button>
        ) : null}
        <p className="hint">{t.titleCount}</p>
      </div>
    </details>
  );
}

/**
 * Asked once, at a moment that explains itself (a volunteer starting a shift, a moderator's first alert), never on
 * load: a browser that asks unprompted teaches people to click "Block".
 */
export function NotificationNudge(props: { show: boolean; text: string }) {
  const t = useStaffT().signals.nudge;
  const [state, ask] = useNotificationState();
  const [dismissed, setDismissed] = useState(false);
  if (!props.show || dismissed || state !== 'default') return null;
  return (
    <div className="notification-nudge" role="group" aria-label={props.text}>
      <p>{props.text}</p>
      <button type="button" className="button button--primary button--small" onClick={() => void ask()}>
        {t.yes}
      </button>
      <button type="button" className="button button--ghost button--small" onClick={() => setDismissed(true)}>
        {t.no}
      </button>
    </div>
  );
}
