// Canned replies: a search box over the admins' replies in the chat's language; Enter inserts into the composer.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { CannedResponse, Language } from '@beside/shared';
import { useStaffT } from '../i18n/staff';
import { searchCanned } from './staffApi';

const SEARCH_DELAY_MS = 150;

export function CannedPicker(props: { token: string; language: Language; onInsert: (body: string) => void; onClose: () => void }) {
  const all = useStaffT();
  const t = all.tools.canned;
  const { token, language } = props;
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<CannedResponse[]>();
  const [active, setActive] = useState(0);
  const [failed, setFailed] = useState(false);
  const listId = useId();
  const hintId = useId();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => input.current?.focus(), []);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      searchCanned(token, query, language).then(
        (r) => {
          if (cancelled) return;
          setResults(r.responses);
          setActive(0);
          setFailed(false);
        },
        () => !cancelled && setFailed(true),
      );
    }, SEARCH_DELAY_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [token, query, language]);

  const list = results ?? [];
  const optionId = (i: number) => `${listId}-${i}`;

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, list.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = list[active];
      if (chosen) props.onInsert(chosen.body);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      props.onClose();
    }
  }

  return (
    <div className="tool-panel" role="group" aria-labelledby={`${inputId}-h`}>
      <div className="tool-panel__head">
        <h3 id={`${inputId}-h`} className="tool-panel__title">
          {t.heading}
        </h3>
        <button type="button" className="button button--ghost button--small" onClick={props.onClose}>
          {t.close}
        </button>
      </div>
      <label htmlFor={inputId} className="visually-hidden">
        {t.search}
      </label>
      <input
        id={inputId}
        ref={input}
        className="tool-panel__search"
        type="search"
        role="combobox"
        aria-expanded={list.length > 0}
        aria-controls={list.length > 0 ? listId : undefined}
        aria-activedescendant={list[active] ? optionId(active) : undefined}
        aria-autocomplete="list"
        aria-describedby={hintId}
        placeholder={t.search}
        value={query}
        autoComplete="off"
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={onKeyDown}
      />
      <p id={hintId} className="hint">
        {t.hint}
      </p>
      {list.length > 0 ? (
        <ul id={listId} role="listbox" aria-label={t.results} className="canned-list">
          {list.map((r, i) => (
            <li
              key={r.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'canned canned--active' : 'canned'}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => props.onInsert(r.body)}
            >
              <span className="canned__title">
                {r.title}
                {r.shortcut ? <span className="canned__shortcut"> /{r.shortcut}</span> : null}
              </span>
              <span className="canned__body">{r.body}</span>
            </li>
          ))}
        </ul>
      ) : null}
      <p className="hint" role="status">
        {failed ? all.errors.generic : results === undefined ? t.loading : list.length === 0 ? t.none : ''}
      </p>
    </div>
  );
}
