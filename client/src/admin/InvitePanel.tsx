// Invitations: create one (role and e-mail), show its one-time link once with a copy button, list and revoke.
import { useState, type FormEvent } from 'react';
import { ROLES, type InviteCreated, type Role } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import { errorText } from './adminApi';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';
import { CopyField } from './CopyField';
import { formatDateTime } from './format';
import type { PanelProps } from './panel';
import { useLoad } from './useLoad';

export function InvitePanel(props: PanelProps) {
  const t = useAdminT();
  const { api, announce } = props;
  const { data, setData, error, reload } = useLoad(() => api.invites().then((r) => r.invites), [api]);
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('volunteer');
  const [busy, setBusy] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [created, setCreated] = useState<InviteCreated>();
  const [confirm, setConfirm] = useState<ConfirmRequest>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFormError(undefined);
    try {
      const result = await api.invite({ email, role });
      setCreated(result);
      setEmail('');
      setData((list) => [result.invite, ...(list ?? []).filter((i) => i.id !== result.invite.id)]);
      void reload();
      announce(t.invites.createdFor(result.invite.email));
    } catch (e) {
      setFormError(errorText(e, t.common.generic, { email: t.invites.email, role: t.invites.role }));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="admin-section stack" aria-labelledby="invites-heading">
      <h1 id="invites-heading" tabIndex={-1} ref={props.headingRef}>
        {t.invites.heading}
      </h1>
      <p className="hint">{t.invites.intro}</p>
      <form className="card stack admin-form" onSubmit={(e) => void submit(e)}>
        <h2 className="card__title">{t.invites.newHeading}</h2>
        {formError ? (
          <p className="card card--error" role="alert">
            {formError}
          </p>
        ) : null}
        <div className="admin-form__row">
          <label className="field admin-form__grow">
            <span className="field__label">{t.invites.email}</span>
            <input type="email" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} aria-invalid={formError ? true : undefined} />
          </label>
          <label className="field">
            <span className="field__label">{t.invites.role}</span>
            <select value={role} onChange={(e) => setRole(e.target.value as Role)}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t.roles[r]}
                </option>
              ))}
            </select>
          </label>
        </div>
        <button type="submit" className="button button--primary admin-self-start" disabled={busy}>
          {busy ? t.invites.sending : t.invites.send}
        </button>
      </form>
      {created ? (
        <div className="card card--notice stack" aria-labelledby="invite-link-heading">
          <h2 id="invite-link-heading" className="card__title">
            {t.invites.linkHeading}
          </h2>
          <p>{t.invites.linkIntro(created.invite.email)}</p>
          <CopyField label={t.invites.linkLabel} value={created.inviteUrl} />
          <p className="hint">{t.invites.expires(formatDateTime(created.invite.expiresAt))}</p>
          <button type="button" className="button button--ghost button--small admin-self-start" onClick={() => setCreated(undefined)}>
            {t.common.close}
          </button>
        </div>
      ) : null}
      <h2>{t.invites.listHeading}</h2>
      {error ? (
        <p className="card card--error" role="alert">
          {errorText(error, t.common.generic)}
        </p>
      ) : null}
      {data && data.length === 0 ? <p className="card card--quiet">{t.invites.empty}</p> : null}
      {data && data.length > 0 ? (
        <ul className="admin-list">
          {data.map((invite) => (
            <li key={invite.id} className="admin-list__item">
              <div>
                <p className="admin-table__name">{invite.email}</p>
                <p className="hint">
                  {t.roles[invite.role]} · {t.invites.created} {formatDateTime(invite.createdAt)}
                  {invite.status === 'pending' ? ` · ${t.invites.expires(formatDateTime(invite.expiresAt))}` : ''}
                </p>
              </div>
              <span className={`badge ${invite.status === 'accepted' ? 'badge--on' : ''}`}>{t.invites.statusLabel[invite.status]}</span>
              {invite.status === 'pending' ? (
                <button
                  type="button"
                  className="button button--ghost button--small"
                  aria-label={`${t.invites.revoke}: ${invite.email}`}
                  onClick={() =>
                    setConfirm({
                      message: t.invites.confirmRevoke(invite.email),
                      confirmLabel: t.invites.revoke,
                      danger: true,
                      onConfirm: () => {
                        api.revokeInvite(invite.id).then(
                          (revoked) => {
                            setData((list) => list?.map((i) => (i.id === revoked.id ? revoked : i)));
                            announce(t.invites.revoked(invite.email));
                          },
                          (e: unknown) => setFormError(errorText(e, t.common.generic)),
                        );
                      },
                    })
                  }
                >
                  {t.invites.revoke}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </section>
  );
}
