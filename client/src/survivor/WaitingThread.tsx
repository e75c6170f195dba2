// Back in the queue after a volunteer had to go: what was said stays on screen while the survivor waits.
import { useEffect, useState } from 'react';
import type { ThreadPart } from '@beside/shared';
import { useT } from '../i18n';
import { systemLineText } from '../i18n/codes';
import { useSurvivorThreadT } from '../i18n/thread';
import { EarlierParts } from '../ui/EarlierParts';
import type { ParticipantConnection } from '../ui/participantConnection';
import { request } from '../ui/socket';

/** The thread of the conversation this wait continues, read again whenever it changes (and after a reload). */
export function useWaitingThread(connection: ParticipantConnection | undefined, conversationId: string | undefined): ThreadPart[] {
  const [parts, setParts] = useState<{ id: string; parts: ThreadPart[] }>();
  useEffect(() => {
    if (!connection || !conversationId) return;
    let current = true;
    void request(connection.socket, 'thread:history', { conversationId }).then((ack) => {
      if (current && ack.ok) setParts({ id: conversationId, parts: ack.data.parts });
    });
    return () => {
      current = false;
    };
  }, [connection, conversationId]);
  return parts && parts.id === conversationId ? parts.parts : [];
}

export function WaitingThread(props: { connection: ParticipantConnection | undefined; conversationId: string | undefined }) {
  const t = useT();
  const words = useSurvivorThreadT();
  const parts = useWaitingThread(props.connection, props.conversationId);
  if (parts.length === 0) return null;
  return (
    <div className="messages waiting-thread" tabIndex={0}>
      <EarlierParts
        parts={parts}
        nowWith={undefined}
        self="visitor"
        words={words}
        labels={{
          self: t.chat.you,
          system: t.chat.system,
          systemLine: (m) => systemLineText(t.chat.systemLines, m),
          resource: t.resources,
          peer: (m) => m.senderName ?? '',
        }}
      />
    </div>
  );
}
