// Handing a taken-over chat back: to its own volunteer, or on to another volunteer free now, with a note for them.
import { useEffect, useState } from 'react';
import type { TransferCandidate } from '@beside/shared';
import { useModT } from '../i18n/moderator';
import type { ModeratorLive } from './useModeratorLive';

export function HandBackForm(props: {
  conversationId: string;
  volunteerName: string;
  live: ModeratorLive;
  busy: boolean;
  onHandBack: (note: string, toVolunteerId?: string) => void;
  onCancel: () => void;
}) {
  const t = useModT();
  const { conversationId, volunteerName, live } = props;
  const [note, setNote] = useState('');
  const [to, setTo] = useState<string>('');
  const [candidates, setCandidates] = useState<TransferCandidate[] | string>();

  useEffect(() => {
    let current = true;
    void live.handBackCandidates(conversationId).then((list) => {
      if (current) setCandidates(list);
    });
    return () => {
      current = false;
    };
    // Asked once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [conversationId]);

  const chosen = typeof candidates === 'object' ? candidates.find((c) => c.id === to) : undefined;
  const toName = chosen?.displayName ?? volunteerName;
  const name = `handback-to-${conversationId}`;

  return (
    <div className="confirm handback" role="group" aria-label={t.supervision.handBackHeading}>
      <fieldset className="handback__to">
        <legend>{t.supervision.handBackTo}</legend>
        <label className="handback__choice">
          <input type="radio" name={name} value="" checked={to === ''} onChange={() => setTo('')} />
          {t.supervision.handBackOwn(volunteerName)}
        </label>
        {candidates === undefined ? <p className="hint">{t.supervision.handBackLoading}</p> : null}
        {typeof candidates === 'string' ? <p className="hint">{candidates}</p> : null}
        {typeof candidates === 'object' && candidates.length === 0 ? <p className="hint">{t.supervision.handBackNobody}</p> : null}
        {typeof candidates === 'object'
          ? candidates.map((c) => (
              <label key={c.id} className="handback__choice">
                <input type="radio" name={name} value={c.id} checked={to === c.id} onChange={() => setTo(c.id)} />
                {t.supervision.handBackCandidate(c.displayName, c.activeConversations, c.capacity, c.topicTrained)}
              </label>
            ))
          : null}
      </fieldset>
      <label htmlFor={`handback-${conversationId}`}>{t.supervision.handBackNote(toName)}</label>
      <textarea id={`handback-${conversationId}`} rows={3} maxLength={1000} value={note} onChange={(e) => setNote(e.target.value)} autoFocus />
      <div className="mod-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={props.busy || note.trim().length === 0}
          onClick={() => props.onHandBack(note.trim(), to || undefined)}
        >
          {t.supervision.handBack(toName)}
        </button>
        <button type="button" className="button button--ghost" onClick={props.onCancel}>
          {t.supervision.confirmNo}
        </button>
      </div>
    </div>
  );
}
