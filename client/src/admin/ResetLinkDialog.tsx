// Shows a freshly issued password-reset link once, with whom to give it to and how long it works.
import { useEffect, useRef } from 'react';
import type { PasswordResetIssued } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import { CopyField } from './CopyField';
import { formatDateTime } from './format';

export function ResetLinkDialog(props: { issued?: { name: string; link: PasswordResetIssued }; onClose: () => void }) {
  const t = useAdminT().access.reset;
  const ref = useRef<HTMLDialogElement>(null);
  const { issued } = props;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (issued && !dialog.open) dialog.showModal();
    else if (!issued && dialog.open) dialog.close();
  }, [issued]);

  return (
    <dialog ref={ref} className="admin-dialog admin-dialog--wide" aria-labelledby="reset-heading" onClose={props.onClose}>
      {issued ? (
        <div className="stack">
          <h2 id="reset-heading">{t.heading(issued.name)}</h2>
          <p>{t.intro(issued.name)}</p>
          <CopyField label={t.linkLabel} value={issued.link.resetUrl} rows={3} />
          <p className="hint">{t.expires(formatDateTime(issued.link.expiresAt))}</p>
          <div className="admin-actions">
            <button type="button" className="button button--primary" onClick={props.onClose}>
              {t.done}
            </button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
