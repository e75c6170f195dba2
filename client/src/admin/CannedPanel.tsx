// Canned replies for volunteers: search and filter, add, edit in place, delete with confirmation.
import { useState } from 'react';
import { LANGUAGES, type CannedResponse, type Language } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import { errorText } from './adminApi';
import { CannedForm } from './CannedForm';
import { ConfirmDialog, type ConfirmRequest } from './ConfirmDialog';
import type { PanelProps } from './panel';
import { useLoad } from './useLoad';

function matches(r: CannedResponse, query: string): boolean {
  const haystack = `${r.title} ${r.body} ${r.tags.join(' ')} ${r.shortcut ?? ''}`.toLowerCase();
  return query.toLowerCase().split(/\s+/).filter(Boolean).every((word) => haystack.includes(word));
}

export function CannedPanel(props: PanelProps) {
  const t = useAdminT();
  const { api, announce } = props;
  const { data, setData, error } = useLoad(() => api.canned().then((r) => r.responses), [api]);
  const [query, setQuery] = useState('');
  const [language, setLanguage] = useState<Language | ''>('');
  const [editingId, setEditingId] = useState<string>();
  const [confirm, setConfirm] = useState<ConfirmRequest>();
  const [actionError, setActionError] = useState<string>();
  const shown = (data ?? []).filter((r) => (!language || r.language === language) && matches(r, query));

  return (
    <section className="admin-section stack" aria-labelledby="canned-heading">
      <h1 id="canned-heading" tabIndex={-1} ref={props.headingRef}>
        {t.canned.heading}
      </h1>
      <p className="hint">{t.canned.intro}</p>
      <div className="card">
        <CannedForm
          heading={t.canned.newHeading}
          submitLabel={t.canned.add}
          onSubmit={async (body) => {
            const created = await api.createCanned(body);
            setData((list) => [...(list ?? []), created]);
            announce(t.canned.created);
          }}
        />
      </div>
      <div className="admin-form__row admin-filter" role="search">
        <label className="field admin-form__grow">
          <span className="field__label">{t.canned.search}</span>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        </label>
        <label className="field">
          <span className="field__label">{t.canned.language}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language | '')}>
            <option value="">{t.canned.all}</option>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t.languages[l]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="hint" role="status">
        {data ? t.canned.count(shown.length) : t.common.loading}
      </p>
      {error || actionError ? (
        <p className="card card--error" role="alert">
          {actionError ?? errorText(error, t.common.generic)}
        </p>
      ) : null}
      {data && shown.length === 0 ? <p className="card card--quiet">{t.canned.empty}</p> : null}
      <ul className="admin-list">
        {shown.map((r) =>
          r.id === editingId ? (
            <li key={r.id} className="card">
              <CannedForm
                initial={r}
                heading={t.canned.editHeading}
                submitLabel={t.common.save}
                onCancel={() => setEditingId(undefined)}
                onSubmit={async (body) => {
                  const updated = await api.updateCanned(r.id, body);
                  setData((list) => list?.map((x) => (x.id === r.id ? updated : x)));
                  setEditingId(undefined);
                  announce(t.canned.updated);
                }}
              />
            </li>
          ) : (
            <li key={r.id} className="admin-list__item admin-list__item--top">
              <div className="admin-list__body">
                <p className="admin-table__name">
                  {r.title} <span className="badge">{r.language.toUpperCase()}</span>
                  {r.shortcut ? <code className="canned__shortcut">/{r.shortcut}</code> : null}
                </p>
                <p className="canned__body">{r.body}</p>
                {r.tags.length ? <p className="hint">{r.tags.map((tag) => `#${tag}`).join(' ')}</p> : null}
              </div>
              <div className="admin-actions admin-actions--row">
                <button type="button" className="button button--ghost button--small" aria-label={`${t.common.edit}: ${r.title}`} onClick={() => setEditingId(r.id)}>
                  {t.common.edit}
                </button>
                <button
                  type="button"
                  className="button button--ghost button--small"
                  aria-label={`${t.common.delete}: ${r.title}`}
                  onClick={() =>
                    setConfirm({
                      message: t.canned.confirmDelete(r.title),
                      confirmLabel: t.common.delete,
                      danger: true,
                      onConfirm: () =>
                        void api.deleteCanned(r.id).then(
                          () => {
                            setData((list) => list?.filter((x) => x.id !== r.id));
                            announce(t.canned.deleted);
                          },
                          (e: unknown) => setActionError(errorText(e, t.common.generic)),
                        ),
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
