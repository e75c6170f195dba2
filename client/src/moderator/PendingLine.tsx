// One of the moderator's own lines not yet acknowledged (to the survivor, or a whisper): its delivery state, and Retry once it failed.
import { useModT } from '../i18n/moderator';
import type { OutgoingMessage } from '../ui/outbox';

export function PendingLine(props: { item: OutgoingMessage; who: string; className: string; onRetry: (clientId: string) => void }) {
  const t = useModT().supervision;
  const { item } = props;
  const state = item.state === 'failed' ? t.failed : item.state === 'waiting' ? t.waiting : t.sending;
  return (
    <li className={`${props.className} msg--${item.state}`}>
      <span className="msg__who">{props.who}</span>
      <p className="msg__body">{item.body}</p>
      <span className="msg__meta">
        <span>{state}</span>
        {item.state === 'failed' ? (
          <button type="button" className="link-button" onClick={() => props.onRetry(item.clientId)}>
            {t.retry}
          </button>
        ) : null}
      </span>
    </li>
  );
}
