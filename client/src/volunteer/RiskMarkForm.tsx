// Mark the chat's risk: high risk (the supervisors are alerted, the protocol opens) or imminent (in danger now: the
// chat is not ended alone until a supervisor acknowledges it or the volunteer says why).
import { useId, useState } from 'react';
import { useStaffT } from '../i18n/staff';
import { request, type BesideSocket } from '../ui/socket';

export function RiskMarkForm(props: { socket: BesideSocket; conversationId: string; onClose: () => void }) {
  const all = useStaffT();
  const t = all.tools.riskMark;
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<string>();
  const [error, setError] = useState<string>();
  const headingId = useId();

  async function mark(imminent: boolean) {
    setBusy(true);
    setError(undefined);
    const ack = await request(props.socket, 'risk:mark', { conversationId: props.conversationId, imminent });
    setBusy(false);
    if (ack.ok) setResult(ack.data.imminent ? t.doneImminent : t.doneHigh);
    else setError(ack.error.message);
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
    <div className="tool-panel" role="group" aria-labelledby={headingId}>
      <h3 id={headingId} className="tool-panel__title">
        {t.heading}
      </h3>
      <p className="hint">{t.hint}</p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="tool-panel__actions">
        <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void mark(false)}>
          {t.high}
        </button>
        <button type="button" className="button button--danger button--small" disabled={busy} onClick={() => void mark(true)}>
          {t.imminent}
        </button>
        <button type="button" className="button button--ghost button--small" onClick={props.onClose}>
          {all.tools.flag.cancel}
        </button>
      </div>
    </div>
  );
}
