// One of the moderator's own lines not yet acknowledged (to the survivor, or a whisper): its delivery state, why it was refused, and Retry.
import { refusalText } from '../i18n/codes';
import { useModT } from '../i18n/moderator';
import type { OutgoingMessage } from '../ui/outbox';

export function PendingLine(props: { item: OutgoingMessage; who: string; className: string; onRetry: (clientId: string) => void }) {
  const t = useModT().supervision;
  const { item } = props;
  const state = item.state === 'failed' ? t.failed : item.state === 'waiting' ? t.waiting : t.sending;
  const why = item.state === 'failed' ? refusalText(t.refusals, item.refusal) : undefined;
  return (
    <li className={`${props.className} msg--${item.state}`}>
      <span className="msg__who">{props.who}</span>
      <p className="msg__body">{item.body}</p>
      {why ? <p className="msg__refusal">{why}</p> : null}
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
