// A modal confirmation (native <dialog>: focus is trapped and Escape cancels), with an optional reason field.
import { useEffect, useId, useRef, useState } from 'react';
import { useAdminT } from '../i18n/admin';

export interface ConfirmRequest {
  message: string;
  confirmLabel: string;
  danger?: boolean;
  withReason?: boolean;
  onConfirm: (reason?: string) => void;
}

export function ConfirmDialog(props: { request?: ConfirmRequest; onClose: () => void }) {
  const t = useAdminT();
  const ref = useRef<HTMLDialogElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [reason, setReason] = useState('');
  const messageId = useId();
  const { request, onClose } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (request && !dialog.open) {
      setReason('');
      dialog.showModal();
      // The safe choice first: Enter on an unread dialog must not suspend anyone.
      cancelRef.current?.focus();
    } else if (!request && dialog.open) dialog.close();
  }, [request]);

  return (
    <dialog ref={ref} className="admin-dialog" aria-describedby={messageId} onClose={onClose}>
      {request ? (
        <form
          method="dialog"
          className="stack"
          onSubmit={(e) => {
            e.preventDefault();
            const trimmed = reason.trim();
            request.onConfirm(trimmed || undefined);
            onClose();
          }}
        >
          <p id={messageId}>{request.message}</p>
          {request.withReason ? (
            <label className="field">
              <span className="field__label">{t.staff.reason}</span>
              <input value={reason} maxLength={200} onChange={(e) => setReason(e.target.value)} />
            </label>
          ) : null}
          <div className="admin-actions">
            <button type="button" className="button button--ghost" onClick={onClose} ref={cancelRef}>
              {t.common.cancel}
            </button>
            <button type="submit" className={`button ${request.danger ? 'button--danger' : 'button--primary'}`}>
              {request.confirmLabel}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
