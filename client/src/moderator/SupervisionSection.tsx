// Live supervision: the chats this moderator observes, one at a time, with the transcript, whispers and the actions.
import { useEffect, useState } from 'react';
import { useModT } from '../i18n/moderator';
import { useStaffT } from '../i18n/staff';
import { ObservedChatPane } from './ObservedChatPane';
import type { ModeratorLive } from './useModeratorLive';

export function SupervisionSection(props: { live: ModeratorLive; focusChat?: string }) {
  const t = useModT();
  const ts = useStaffT();
  const { observed } = props.live;
  const [selected, setSelected] = useState<string | undefined>(props.focusChat);

  useEffect(() => {
    if (props.focusChat) setSelected(props.focusChat);
  }, [props.focusChat]);

  const current = observed.find((c) => c.view.id === selected) ?? observed[0];
  if (!current) return <p className="card card--quiet">{t.supervision.empty}</p>;

  return (
    <div className="stack">
      {observed.length > 1 ? (
        <ul className="chat-tabs" aria-label={t.supervision.heading}>
          {observed.map((c) => {
            const conv = c.view.conversation;
            return (
              <li key={conv.id}>
                <button type="button" className="chat-tab" aria-current={c === current ? 'true' : undefined} onClick={() => setSelected(conv.id)}>
                  {conv.risk === 'high' ? <span className="dot dot--urgent" aria-hidden="true" /> : null}
                  {t.supervision.observing(ts.topics[conv.topic], conv.volunteerName)}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <ObservedChatPane key={current.view.id} chat={current} live={props.live} />
    </div>
  );
}
