// The form for one canned reply (new or edited): language, title, text, tags, shortcut, order.
import { useId, useState, type FormEvent } from 'react';
import { CANNED, LANGUAGES, type CannedCreateBody, type CannedResponse, type Language } from '@beside/shared';
import { useAdminT } from '../i18n/admin';
import { errorText } from './adminApi';

export function CannedForm(props: {
  initial?: CannedResponse;
  heading: string;
  submitLabel: string;
  onSubmit: (body: CannedCreateBody) => Promise<void>;
  onCancel?: () => void;
}) {
  const t = useAdminT();
  const { initial } = props;
  const [language, setLanguage] = useState<Language>(initial?.language ?? 'en');
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const [tags, setTags] = useState(initial?.tags.join(' ') ?? '');
  const [shortcut, setShortcut] = useState(initial?.shortcut ?? '');
  const [sortOrder, setSortOrder] = useState(initial?.sortOrder ?? 0);
  const shortcutId = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit({
        language,
        title,
        body,
        tags: tags.split(/[\s,]+/).filter(Boolean),
        shortcut: shortcut.trim() ? shortcut.trim().replace(/^\//, '') : initial?.shortcut ? null : undefined,
        sortOrder,
      });
      if (!initial) {
        setTitle('');
        setBody('');
        setTags('');
        setShortcut('');
      }
    } catch (e) {
      setError(errorText(e, t.common.generic, Object.fromEntries((['language', 'title', 'body', 'tags', 'shortcut', 'sortOrder'] as const).map((k) => [k, t.canned[k]]))));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack admin-form" onSubmit={(e) => void submit(e)}>
      <h2 className="card__title">{props.heading}</h2>
      {error ? (
        <p className="card card--error" role="alert">
          {error}
        </p>
      ) : null}
      <div className="admin-form__row">
        <label className="field">
          <span className="field__label">{t.canned.language}</span>
          <select value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
            {LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {t.languages[l]}
              </option>
            ))}
          </select>
        </label>
        <label className="field admin-form__grow">
          <span className="field__label">{t.canned.title}</span>
          <input required maxLength={CANNED.titleMaxChars} value={title} onChange={(e) => setTitle(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span className="field__label">{t.canned.body}</span>
        <textarea required rows={4} maxLength={CANNED.bodyMaxChars} value={body} onChange={(e) => setBody(e.target.value)} />
      </label>
      <div className="admin-form__row">
        <label className="field admin-form__grow">
          <span className="field__label">{t.canned.tags}</span>
          <input value={tags} onChange={(e) => setTags(e.target.value)} />
        </label>
        <div className="field">
          <label className="field__label" htmlFor={shortcutId}>
            {t.canned.shortcut}
          </label>
          <input id={shortcutId} value={shortcut} maxLength={25} onChange={(e) => setShortcut(e.target.value)} aria-describedby={`${shortcutId}-hint`} />
          <span id={`${shortcutId}-hint`} className="hint">
            {t.canned.shortcutHint}
          </span>
        </div>
        <label className="field admin-form__narrow">
          <span className="field__label">{t.canned.sortOrder}</span>
          <input type="number" min={0} max={100000} value={sortOrder} onChange={(e) => setSortOrder(Number(e.target.value))} />
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
