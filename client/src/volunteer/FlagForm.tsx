// Flag a conversation: a reason, an optional note for moderators, and end-and-block behind a confirmation.
import { useId, useState, type FormEvent } from 'react';
import { VOLUNTEER_FLAG_REASONS, type VolunteerFlagReason } from '@beside/shared';
import { useStaffT } from '../i18n/staff';
import { request, type BesideSocket } from '../ui/socket';

export function FlagForm(props: { socket: BesideSocket; conversationId: string; onClose: () => void }) {
  const all = useStaffT();
  const t = all.tools.flag;
  const [reason, setReason] = useState<VolunteerFlagReason>();
  const [text, setText] = useState('');
  const [endAndBlock, setEndAndBlock] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string>();
  const [error, setError] = useState<string>();
  const textId = useId();
  const headingId = useId();
  const canBlock = reason !== 'risk_to_life';
  const blocking = endAndBlock && canBlock;

  async function send() {
    if (!reason) return;
    setBusy(true);
    setError(undefined);
    const ack = await request(props.socket, 'flag:raise', {
      conversationId: props.conversationId,
      reason,
      text: text.trim() || undefined,
      endAndBlock: blocking,
    });
    setBusy(false);
    setConfirming(false);
    if (ack.ok) setResult(ack.data.blocked || ack.data.ended ? t.doneBlocked : t.done);
    else setError(ack.error.message);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (blocking && !confirming) setConfirming(true);
    else void send();
  }

  if (result) {
    return (
      <div className="tool-panel" role="status">
        <p>{result}</p>
        <button type="button" className="button button--ghost button--small" onClick={props.onClose}>
          {all.tools.canned.close}
        </button>
      </div>
    );
  }

  return (
    <form className="tool-panel" aria-labelledby={headingId} onSubmit={submit}>
      <h3 id={headingId} className="tool-panel__title">
        {t.heading}
      </h3>
      <fieldset className="opt-group">
        <legend>{t.reason}</legend>
        {VOLUNTEER_FLAG_REASONS.map((r) => (
          <label key={r} className="opt">
            <input type="radio" name={`${headingId}-reason`} value={r} checked={reason === r} onChange={() => setReason(r)} required />
            <span>{t.reasons[r]}</span>
          </label>
        ))}
      </fieldset>
      <label htmlFor={textId} className="field__label">
        {t.text}
      </label>
      <textarea id={textId} className="tool-panel__text" rows={2} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} />
      <label className="opt">
        <input type="checkbox" checked={blocking} disabled={!canBlock} onChange={(e) => setEndAndBlock(e.target.checked)} />
        <span>{t.endAndBlock}</span>
      </label>
      {!canBlock ? <p className="hint">{t.endAndBlockRisk}</p> : null}
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {confirming ? (
        <div className="card card--urgent" role="alertdialog" aria-labelledby={`${headingId}-c`} aria-describedby={`${headingId}-d`}>
          <p id={`${headingId}-c`} className="card__title">
            {t.confirmTitle}
          </p>
          <p id={`${headingId}-d`}>{t.confirmText}</p>
          <div className="tool-panel__actions">
            <button type="submit" className="button button--danger button--small" disabled={busy} autoFocus>
              {t.confirm}
            </button>
            <button type="button" className="button button--ghost button--small" onClick={() => setConfirming(false)}>
              {t.cancel}
            </button>
          </div>
        </div>
      ) : (
        <div className="tool-panel__actions">
          <button type="submit" className="button button--primary button--small" disabled={busy || !reason}>
            {t.submit}
          </button>
          <button type="button" className="button button--ghost button--small" onClick={props.onClose}>
            {t.cancel}
          </button>
        </div>
      )}
    </form>
  );
}
