// The resources directory: every service in every language; add, edit in place, hide/show, delete with confirmation.
import { useState } from 'react';
import { LANGUAGES, type Language, type Resource, type ResourceCreateBody } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import { errorText } from './adminApi';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';
import type { PanelProps } from './panel';
import { ResourceForm } from './ResourceForm';
import { useLoad } from './useLoad';

export function ResourcesPanel(props: PanelProps) {
  const t = useAdminT();
  const { api, announce } = props;
  const { data, setData, error } = useLoad(() => api.resources().then((r) => r.resources), [api]);
  const [language, setLanguage] = useState<Language | ''>('');
  const [editingId, setEditingId] = useState<string>();
  const [adding, setAdding] = useState(false);
  const [confirm, setConfirm] = useState<ConfirmRequest>();
  const [actionError, setActionError] = useState<string>();
  const shown = (data ?? [])
    .filter((r) => !language || r.language === language)
    .sort((a, b) => a.language.localeCompare(b.language) || a.sortOrder - b.sortOrder || a.name.localeCompare(b.name));

  const replace = (r: Resource) => setData((list) => list?.map((x) => (x.id === r.id ? r : x)));
  const fail = (e: unknown) => setActionError(errorText(e, t.common.generic));

  const contact = (r: Resource) =>
    [r.phone && t.resources.call(r.phone), r.smsNumber && t.resources.text(r.smsKeyword, r.smsNumber), r.url, r.chatUrl, r.hours]
      .filter(Boolean)
      .join(' · ');

  return (
    <section className="admin-section stack" aria-labelledby="resources-heading">
      <h1 id="resources-heading" tabIndex={-1} ref={props.headingRef}>
        {t.resources.heading}
      </h1>
      <p className="hint">{t.resources.intro}</p>
      {adding ? (
        <div className="card">
          <ResourceForm
            heading={t.resources.newHeading}
            submitLabel={t.resources.add}
            onCancel={() => setAdding(false)}
            onSubmit={async (body) => {
              const created = await api.createResource(body as ResourceCreateBody);
              setData((list) => [...(list ?? []), created]);
              setAdding(false);
              announce(t.resources.created);
            }}
          />
        </div>
      ) : (
        <button type="button" className="button button--primary admin-self-start" onClick={() => setAdding(true)}>
          {t.resources.add}
        </button>
      )}
      <label className="field admin-filter admin-self-start">
        <span className="field__label">{t.resources.language}</span>
        <select value={language} onChange={(e) => setLanguage(e.target.value as Language | '')}>
          <option value="">{t.resources.all}</option>
          {LANGUAGES.map((l) => (
            <option key={l} value={l}>
              {t.languages[l]}
            </option>
          ))}
        </select>
      </label>
      {error || actionError ? (
        <p className="card card--error" role="alert">
          {actionError ?? errorText(error, t.common.generic)}
        </p>
      ) : null}
      {!data && !error ? <p className="hint">{t.common.loading}</p> : null}
      {data && shown.length === 0 ? <p className="card card--quiet">{t.resources.empty}</p> : null}
      <ul className="admin-list">
        {shown.map((r) =>
          r.id === editingId ? (
            <li key={r.id} className="card">
              <ResourceForm
                initial={r}
                heading={t.resources.editHeading}
                submitLabel={t.common.save}
                onCancel={() => setEditingId(undefined)}
                onSubmit={async (body) => {
                  replace(await api.updateResource(r.id, body));
                  setEditingId(undefined);
                  announce(t.resources.updated);
                }}
              />
            </li>
          ) : (
            <li key={r.id} className={`admin-list__item admin-list__item--top${r.active ? '' : ' admin-list__item--inactive'}`}>
              <div className="admin-list__body">
                <p className="admin-table__name">
                  {r.name} <span className="badge">{r.language.toUpperCase()}</span>{' '}
                  <span className="badge">{t.resources.categories[r.category]}</span>{' '}
                  {r.active ? null : <span className="badge badge--urgent">{t.resources.inactive}</span>}
                </p>
                {r.description ? <p>{r.description}</p> : null}
                <p className="hint">{contact(r)}</p>
                <p className="hint">
                  <code>{r.slug}</code>
                </p>
              </div>
              <div className="admin-actions admin-actions--row">
                <button type="button" className="button button--ghost button--small" aria-label={`${t.common.edit}: ${r.name} (${r.language})`} onClick={() => setEditingId(r.id)}>
                  {t.common.edit}
                </button>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  aria-label={`${r.active ? t.resources.hide : t.resources.show}: ${r.name} (${r.language})`}
                  onClick={() =>
                    void api.updateResource(r.id, { active: !r.active }).then((u) => {
                      replace(u);
                      announce(t.resources.updated);
                    }, fail)
                  }
                >
                  {r.active ? t.resources.hide : t.resources.show}
                </button>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  aria-label={`${t.common.delete}: ${r.name} (${r.language})`}
                  onClick={() =>
                    setConfirm({
                      message: t.resources.confirmDelete(r.name),
                      confirmLabel: t.common.delete,
                      danger: true,
                      onConfirm: () =>
                        void api.deleteResource(r.id).then(() => {
                          setData((list) => list?.filter((x) => x.id !== r.id));
                          announce(t.resources.deleted);
                        }, fail),
                    })
                  }
                >
                  {t.common.delete}
                </button>
              </div>
            </li>
          ),
        )}
      </ul>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(undefined)} />
    </section>
  );
}
