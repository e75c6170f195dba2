// Wrap-ups still owed after a reload: the volunteer's chats of the last day that ended without one.
import { useEffect, useState } from 'react';
import type { PendingWrapUp, PendingWrapUpsResponse } from '@beside/shared';
import { useStaffT } from '../i18n/staff';
import { getJson } from '../ui/api';
import { WrapUpForm } from './WrapUpForm';

const timeFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

export function PendingWrapUps(props: { token: string }) {
  const all = useStaffT();
  const t = all.tools.wrapUp;
  const { token } = props;
  const [pending, setPending] = useState<PendingWrapUp[]>([]);

  useEffect(() => {
    let cancelled = false;
    getJson<PendingWrapUpsResponse>('/api/console/wrap-ups/pending', { token }).then(
      (r) => !cancelled && setPending(r.conversations),
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
    // The token rotates every few minutes; the list only needs loading once per console.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const shown = pending;
  if (shown.length === 0) return null;
  return (
    <section className="pending-wrap-ups" aria-labelledby="pending-wrap-ups">
      <h2 id="pending-wrap-ups" className="tool-panel__title">
        {t.pending(shown.length)}
      </h2>
      {shown.map((p) => (
        <div key={p.conversationId} className="pending-wrap-up">
          <p className="pane__meta">{t.pendingChat(all.topics[p.topic], timeFormat.format(new Date(p.endedAt)))}</p>
          <WrapUpForm token={token} conversationId={p.conversationId} topic={p.topic} transcriptDeleted={false} />
        </div>
      ))}
    </section>
  );
}
