// Read-only text (a link, a secret, recovery codes) with a copy button that says whether the copy worked.
import { useId, useState } from 'react';
import { useAdminT } from '../i18n/admin';

/** `rows` shows the value wrapped over several lines (a long link stays readable in full). */
export function CopyField(props: { label: string; value: string; rows?: number }) {
  const t = useAdminT();
  const id = useId();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  async function copy() {
    try {
      await navigator.clipboard.writeText(props.value);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <div className="copy-field">
      <label className="field__label" htmlFor={id}>
        {props.label}
      </label>
      <div className={`copy-field__row${props.rows ? ' copy-field__row--block' : ''}`}>
        {props.rows ? (
          <textarea id={id} readOnly value={props.value} rows={props.rows} onFocus={(e) => e.target.select()} />
        ) : (
          <input id={id} readOnly value={props.value} onFocus={(e) => e.target.select()} />
        )}
        <button type="button" className="button button--ghost" onClick={() => void copy()}>
          {state === 'copied' ? t.common.copied : t.common.copy}
        </button>
      </div>
      <p className={state === 'failed' ? 'hint' : 'visually-hidden'} role="status">
        {state === 'failed' ? t.common.copyFailed : state === 'copied' ? t.common.copied : ''}
      </p>
    </div>
  );
}

/** Just the copy button (for values already shown on the page), with the same spoken result. */
export function CopyButton(props: { value: string; label: string }) {
  const t = useAdminT();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  return (
    <span className="copy-button">
      <button
        type="button"
        className="button button--ghost"
        onClick={() => void navigator.clipboard.writeText(props.value).then(() => setState('copied'), () => setState('failed'))}
      >
        {state === 'copied' ? t.common.copied : props.label}
      </button>
      <span className={state === 'failed' ? 'hint' : 'visually-hidden'} role="status">
        {state === 'failed' ? t.common.copyFailed : state === 'copied' ? t.common.copied : ''}
      </span>
    </span>
  );
}
