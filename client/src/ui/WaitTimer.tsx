// A per-chat timer of the visitor's wait for a reply, escalating from calm to amber (1 min) to red (3 min).
import { useStaffT } from '../i18n/staff';
import { useNow } from './useAttention';
import { secondsSince, waitLevel } from './waiting';
import './attention.css';

export function WaitTimer(props: { since: string | undefined; greeting?: boolean; variant: 'tab' | 'header' }) {
  const t = useStaffT().signals.wait;
  const now = useNow(1000);
  if (!props.since) return null;
  const seconds = secondsSince(props.since, now);
  const level = waitLevel(seconds);
  const text = props.variant === 'tab' ? t.short(seconds) : props.greeting ? t.greetingDue(seconds) : t.visitorWaiting(seconds);
  if (props.variant === 'header') {
    // The short form stands in on a narrow pane (layout.css), where the sentence would not fit beside the title.
    return (
      <span className={`wait wait--${level}`} title={t.label(seconds)}>
        <span className="wait__long">{text}</span>
        <span className="wait__short" aria-hidden="true">
          {t.short(seconds)}
        </span>
      </span>
    );
  }
  return (
    <span className={`wait wait--${level}`} title={t.label(seconds)}>
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden">{t.label(seconds)}</span>
    </span>
  );
}
