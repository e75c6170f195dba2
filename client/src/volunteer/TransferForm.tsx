// Transfer a chat: to a volunteer who can take it now, or back to the front of the queue, with a private note.
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { TransferCandidate } from '@beside/shared';
import { useStaffT } from '../i18n/staff';
import { request, type BesideSocket } from '../ui/socket';

const QUEUE = 'queue';

export function TransferForm(props: { socket: BesideSocket; conversationId: string; onClose: () => void }) {
  const all = useStaffT();
  const t = all.tools.transfer;
  const { socket, conversationId } = props;
  const [candidates, setCandidates] = useState<TransferCandidate[]>();
  const [target, setTarget] = useState<string>(QUEUE);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const headingId = useId();
  const noteId = useId();

  useEffect(() => {
    let cancelled = false;
    void request(socket, 'transfer:candidates', { conversationId }).then((ack) => {
      if (cancelled) return;
      if (ack.ok) setCandidates(ack.data);
      else setError(ack.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, [socket, conversationId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    const ack = await request(socket, 'conversation:transfer', {
      conversationId,
      toVolunteerId: target === QUEUE ? undefined : target,
      note: note.trim() || undefined,
    });
    setBusy(false);
    if (ack.ok) props.onClose();
    else setError(ack.error.message);
  }

  return (
    <form className="tool-panel" aria-labelledby={headingId} onSubmit={(e) => void submit(e)}>
      <h3 id={headingId} className="tool-panel__title">
        {t.heading}
      </h3>
      <fieldset className="opt-group">
        <legend>{t.to}</legend>
        {candidates === undefined ? <p className="hint">{t.loading}</p> : null}
        {candidates?.map((c) => (
          <label key={c.id} className="opt">
            <input type="radio" name={`${headingId}-to`} value={c.id} checked={target === c.id} onChange={() => setTarget(c.id)} />
            <span>{t.candidate(c.displayName, c.activeConversations, c.capacity, c.topicTrained)}</span>
          </label>
        ))}
        <label className="opt">
          <input type="radio" name={`${headingId}-to`} value={QUEUE} checked={target === QUEUE} onChange={() => setTarget(QUEUE)} />
          <span>{t.queue}</span>
        </label>
        {candidates?.length === 0 ? <p className="hint">{t.noCandidates}</p> : null}
      </fieldset>
      <label htmlFor={noteId} className="field__label">
        {t.note}
      </label>
      <textarea id={noteId} className="tool-panel__text" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="tool-panel__actions">
        <button type="submit" className="button button--primary button--small" disabled={busy}>
          {t.submit}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={props.onClose}>
          {t.cancel}
        </button>
      </div>
    </form>
  );
}
