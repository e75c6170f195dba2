// The form for one resource (new or edited); on edit it sends only the changed fields, and null for a cleared one.
import { useState, type FormEvent } from 'react';
import { LANGUAGES, RESOURCE_CATEGORIES, type Resource, type ResourceCategory, type ResourcePatchBody } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import { errorText } from './adminApi';

const OPTIONAL = ['phone', 'smsNumber', 'smsKeyword', 'url', 'chatUrl', 'hours'] as const;
type Draft = Record<'slug' | 'name' | 'description' | (typeof OPTIONAL)[number], string> & {
  language: Resource['language'];
  category: ResourceCategory;
  sortOrder: number;
  active: boolean;
};

function toDraft(r?: Resource): Draft {
  return {
    slug: r?.slug ?? '',
    language: r?.language ?? 'en',
    category: r?.category ?? 'sexual_assault',
    name: r?.name ?? '',
    description: r?.description ?? '',
    phone: r?.phone ?? '',
    smsNumber: r?.smsNumber ?? '',
    smsKeyword: r?.smsKeyword ?? '',
    url: r?.url ?? '',
    chatUrl: r?.chatUrl ?? '',
    hours: r?.hours ?? '',
    sortOrder: r?.sortOrder ?? 0,
    active: r?.active ?? true,
  };
}

/** The body to send: everything for a new resource; for an edit, what differs from the original. */
function toBody(draft: Draft, original?: Resource): ResourcePatchBody {
  const initial = toDraft(original);
  const body: Record<string, unknown> = {};
  for (const key of Object.keys(draft) as (keyof Draft)[]) {
    if (original && draft[key] === initial[key]) continue;
    const value = draft[key];
    if ((OPTIONAL as readonly string[]).includes(key)) {
      const text = String(value).trim();
      if (text) body[key] = text;
      else if (original) body[key] = null;
    } else body[key] = value;
  }
  return body as ResourcePatchBody;
}

export function ResourceForm(props: {
  initial?: Resource;
  heading: string;
  submitLabel: string;
  onSubmit: (body: ResourcePatchBody) => Promise<void>;
  onCancel?: () => void;
}) {
  const t = useAdminT();
  const [draft, setDraft] = useState(() => toDraft(props.initial));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const fieldLabels = Object.fromEntries(
    (['slug', 'language', 'category', 'name', 'description', ...OPTIONAL, 'sortOrder'] as const).map((k) => [k, t.resources[k]]),
  );
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = toBody(draft, props.initial);
    if (props.initial && Object.keys(body).length === 0) return props.onCancel?.();
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit(body);
      if (!props.initial) setDraft(toDraft());
    } catch (e) {
      setError(errorText(e, t.common.generic, fieldLabels));
    } finally {
      setBusy(false);
    }
  }

  const text = (key: 'slug' | 'name' | (typeof OPTIONAL)[number], type = 'text', required = false) => (
    <label className="field">
      <span className="field__label">{t.resources[key]}</span>
      <input type={type} required={required} value={draft[key]} onChange={(e) => set(key, e.target.value)} />
    </label>
  );

  return (
    <form className="stack admin-form" onSubmit={(e) => void submit(e)}>
      <h2 className="card__title">{props.heading}</h2>
      {error ? (
        <p className="card card--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="admin-grid">
        {text('name', 'text', true)}
        {text('slug', 'text', true)}
        <label className="field">
          <span className="field__label">{t.resources.language}</span>
          <select value={draft.language} onChange={(e) => set('language', e.target.value as Draft['language'])}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t.languages[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field__label">{t.resources.category}</span>
          <select value={draft.category} onChange={(e) => set('category', e.target.value as ResourceCategory)}>
            {RESOURCE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t.resources.categories[c]}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field">
        <span className="field__label">{t.resources.description}</span>
        <textarea rows={2} maxLength={500} value={draft.description} onChange={(e) => set('description', e.target.value)} />
      </label>
      <p className="hint">{t.resources.contactHint}</p>
      <div className="admin-grid">
        {text('phone', 'tel')}
        {text('smsNumber', 'tel')}
        {text('smsKeyword')}
        {text('url', 'url')}
        {text('chatUrl', 'url')}
        {text('hours')}
        <label className="field">
          <span className="field__label">{t.resources.sortOrder}</span>
          <input type="number" min={0} max={100000} value={draft.sortOrder} onChange={(e) => set('sortOrder', Number(e.target.value))} />
        </label>
        <label className="switch admin-grid__switch">
          <input type="checkbox" checked={draft.active} onChange={(e) => set('active', e.target.checked)} />
          {t.resources.active}
        </label>
      </div>
      <div className="admin-actions">
        {props.onCancel ? (
          <button type="button" className="button button--ghost" onClick={props.onCancel}>
            {t.common.cancel}
          </button>
        ) : null}
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? t.common.saving : props.submitLabel}
        </button>
      </div>
    </form>
  );
}
