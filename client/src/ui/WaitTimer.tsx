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
  if (props.variant === 'header') return <span className={`wait wait--${level}`}>{text}</span>;
  return (
    <span className={`wait wait--${level}`} title={t.label(seconds)}>
      <span aria-hidden="true">{text}</span>
      <span className="visually-hidden">{t.label(seconds)}</span>
    </span>
  );
}
