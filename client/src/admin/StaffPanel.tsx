// Staff list for admins: role, status, training (course, date, recorder), languages, capacity; edit, record training, reset link, suspend/reactivate/disable.
import { useState } from 'react';
import type { PasswordResetIssued, StaffAccount } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import { errorText } from './adminApi';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';
import { formatDate } from './format';
import type { PanelProps } from './panel';
import { ResetLinkDialog } from './ResetLinkDialog';
import { StaffEditor } from './StaffEditor';
import { TrainingDialog } from './TrainingDialog';
import { useLoad } from './useLoad';

export function StaffPanel(props: PanelProps) {
  const t = useAdminT();
  const { api, announce } = props;
  const { data, setData, error, loading, reload } = useLoad(() => api.staff().then((r) => r.staff), [api]);
  const [confirm, setConfirm] = useState<ConfirmRequest>();
  const [editing, setEditing] = useState<StaffAccount>();
  const [recording, setRecording] = useState<StaffAccount>();
  const [resetLink, setResetLink] = useState<{ name: string; link: PasswordResetIssued }>();
  const [actionError, setActionError] = useState<string>();
  const me = props.session.user.id;

  const replace = (account: StaffAccount) => setData((list) => list?.map((s) => (s.id === account.id ? account : s)));

  async function act(work: () => Promise<string>) {
    setActionError(undefined);
    try {
      announce(await work());
    } catch (e) {
      setActionError(errorText(e, t.common.generic));
    }
  }

  // Recording asks for the course and the date; clearing asks for a confirmation.
  const training = (s: StaffAccount) => {
    if (!s.trained) return setRecording(s);
    setConfirm({
      message: t.access.training.confirmClear(s.displayName),
      confirmLabel: t.staff.clearTraining,
      danger: true,
      onConfirm: () =>
        void act(async () => {
          replace(await api.setTraining(s.id, { trained: false }));
          return t.staff.trainingCleared(s.displayName);
        }),
    });
  };

  const issueReset = (s: StaffAccount) =>
    void act(async () => {
      setResetLink({ name: s.displayName, link: await api.issuePasswordReset(s.id) });
      return t.access.reset.issued(s.displayName);
    });

  const trainedText = (s: StaffAccount) => {
    if (!s.trained || !s.trainingCompletedAt) return t.staff.notTrained;
    const date = formatDate(s.training ? `${s.training.completedOn}T12:00:00Z` : s.trainingCompletedAt);
    return s.training
      ? t.access.training.recorded(s.training.course, date, s.training.recordedByName ?? t.common.none)
      : t.access.training.recordedNoCourse(date);
  };

  const status = (s: StaffAccount, next: StaffAccount['status']) => {
    const message =
      next === 'suspended' ? t.staff.confirmSuspend(s.displayName)
      : next === 'disabled' ? t.staff.confirmDisable(s.displayName)
      : t.staff.confirmReactivate(s.displayName);
    const label = next === 'suspended' ? t.staff.suspend : next === 'disabled' ? t.staff.disable : t.staff.reactivate;
    setConfirm({
      message,
      confirmLabel: label,
      danger: next !== 'active',
      withReason: true,
      onConfirm: (reason) =>
        void act(async () => {
          const changed = await api.setStatus(s.id, { status: next, ...(reason ? { reason } : {}) });
          replace(changed.account);
          return t.staff.statusChanged(s.displayName, t.statuses[next], changed.requeuedConversations);
        }),
    });
  };

  const reset2fa = (s: StaffAccount) =>
    setConfirm({
      message: t.staff.confirmReset2fa(s.displayName),
      confirmLabel: t.staff.reset2fa,
      danger: true,
      onConfirm: () =>
        void act(async () => {
          replace(await api.reset2fa(s.id));
          return t.staff.reset2faDone(s.displayName);
        }),
    });

  return (
    <section className="admin-section stack" aria-labelledby="staff-heading">
      <h1 id="staff-heading" tabIndex={-1} ref={props.headingRef}>
        {t.staff.heading}
      </h1>
      <p className="hint">{t.staff.intro}</p>
      {actionError ? (
        <p className="card card--error" role="alert">
          {actionError}
        </p>
      ) : null}
      {error ? (
        <p className="card card--error" role="alert">
          {errorText(error, t.common.generic)}{' '}
          <button type="button" className="link-button" onClick={() => void reload()}>
            {t.common.retry}
          </button>
        </p>
      ) : null}
      {loading && !data ? <p className="hint">{t.common.loading}</p> : null}
      {data && data.length === 0 ? <p className="card card--quiet">{t.staff.empty}</p> : null}
      {data && data.length > 0 ? (
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">{t.staff.name}</th>
              <th scope="col">{t.staff.role}</th>
              <th scope="col">{t.staff.status}</th>
              <th scope="col">{t.staff.trained}</th>
              <th scope="col">{t.staff.languages}</th>
              <th scope="col">{t.staff.capacity}</th>
              <th scope="col">{t.staff.twoFactor}</th>
              <th scope="col">{t.staff.actions}</th>
            </tr>
          </thead>
          <tbody>
            {data.map((s) => (
              <tr key={s.id} className={s.status === 'active' ? undefined : 'admin-table__row--inactive'}>
                <th scope="row" data-label={t.staff.name}>
                  <span className="admin-table__name">
                    {s.displayName} {s.id === me ? <span className="hint">{t.staff.you}</span> : null}
                  </span>
                  <span className="admin-table__email">{s.email}</span>
                </th>
                <td data-label={t.staff.role}>{t.roles[s.role]}</td>
                <td data-label={t.staff.status}>
                  <span className={`badge ${s.status === 'active' ? 'badge--on' : 'badge--urgent'}`}>{t.statuses[s.status]}</span>
                </td>
                <td data-label={t.staff.trained}>{trainedText(s)}</td>
                <td data-label={t.staff.languages}>{s.languages.map((l) => t.languages[l]).join(', ')}</td>
                <td data-label={t.staff.capacity}>{s.capacity}</td>
                <td data-label={t.staff.twoFactor}>{s.twoFactorEnabled ? t.staff.twoFactorOn : t.staff.twoFactorOff}</td>
                <td data-label={t.staff.actions}>
                  <div className="admin-actions admin-actions--row">
                    <button type="button" className="button button--ghost button--small" onClick={() => setEditing(s)} aria-label={`${t.common.edit}: ${s.displayName}`}>
                      {t.common.edit}
                    </button>
                    <button type="button" className="button button--ghost button--small" onClick={() => training(s)} aria-label={`${s.trained ? t.staff.clearTraining : t.staff.recordTraining}: ${s.displayName}`}>
                      {s.trained ? t.staff.clearTraining : t.staff.recordTraining}
                    </button>
                    <button type="button" className="button button--ghost button--small" onClick={() => issueReset(s)} aria-label={`${t.access.reset.action}: ${s.displayName}`}>
                      {t.access.reset.action}
                    </button>
                    {s.id === me ? null : s.status === 'active' ? (
                      <>
                        <button type="button" className="button button--ghost button--small" onClick={() => status(s, 'suspended')} aria-label={`${t.staff.suspend}: ${s.displayName}`}>
                          {t.staff.suspend}
                        </button>
                        <button type="button" className="button button--ghost button--small" onClick={() => status(s, 'disabled')} aria-label={`${t.staff.disable}: ${s.displayName}`}>
                          {t.staff.disable}
                        </button>
                      </>
                    ) : (
                      <button type="button" className="button button--ghost button--small" onClick={() => status(s, 'active')} aria-label={`${t.staff.reactivate}: ${s.displayName}`}>
                        {t.staff.reactivate}
                      </button>
                    )}
                    {s.twoFactorEnabled && s.id !== me ? (
                      <button type="button" className="button button--ghost button--small" onClick={() => reset2fa(s)} aria-label={`${t.staff.reset2fa}: ${s.displayName}`}>
                        {t.staff.reset2fa}
                      </button>
                    ) : null}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
      <TrainingDialog
        api={api}
        account={recording}
        onClose={() => setRecording(undefined)}
        onSaved={(account) => {
          replace(account);
          setRecording(undefined);
          announce(t.staff.trainingRecorded(account.displayName));
        }}
      />
      <ResetLinkDialog issued={resetLink} onClose={() => setResetLink(undefined)} />
      <StaffEditor
        api={api}
        account={editing}
        onClose={() => setEditing(undefined)}
        onSaved={(account) => {
          replace(account);
          setEditing(undefined);
          announce(t.staff.updated(account.displayName));
        }}
      />
    </section>
  );
}
