// The message box: Enter sends, Shift+Enter adds a line, typing is signalled, length is capped; text can be inserted.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '@beside/shared';

export interface ComposerLabels {
  label: string;
  placeholder: string;
  send: string;
  hint: string;
  tooLong: (max: number) => string;
}

/** Text to add to the draft (a canned reply); a new `seq` inserts again. */
export interface ComposerInsertion {
  text: string;
  seq: number;
}

export function Composer(props: {
  labels: ComposerLabels;
  insertion?: ComposerInsertion;
  /** Ctrl+/ (or Cmd+/) in the box, e.g. to open canned replies. */
  onShortcut?: () => void;
  onSend: (body: string) => void;
  onTyping: (active: boolean) => void;
  disabled?: boolean;
  autoFocus?: boolean;
}) {
  const [body, setBody] = useState('');
  const input = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const inputId = useId();
  const tooLong = body.length > LIMITS.messageMaxChars;
  const canSend = !props.disabled && body.trim().length > 0 && !tooLong;
  const insertion = props.insertion;

  // Inserting keeps what was already written, and puts the cursor at the end ready to edit.
  useEffect(() => {
    if (!insertion) return;
    setBody((prev) => (prev.trim() ? `${prev.replace(/\s*$/, '')} ${insertion.text}` : insertion.text));
    const el = input.current;
    if (el) {
      el.focus();
      requestAnimationFrame(() => el.setSelectionRange(el.value.length, el.value.length));
    }
  }, [insertion]);

  function submit(event?: FormEvent) {
    event?.preventDefault();
    if (!canSend) return;
    props.onSend(body);
    props.onTyping(false);
    setBody('');
    input.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (props.onShortcut && event.key === '/' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      props.onShortcut();
      return;
    }
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  }

  return (
    <form className="composer" onSubmit={submit}>
      <label htmlFor={inputId} className="visually-hidden">
        {props.labels.label}
      </label>
      <textarea
        id={inputId}
        ref={input}
        className="composer__input"
        rows={2}
        value={body}
        placeholder={props.labels.placeholder}
        aria-describedby={hintId}
        aria-invalid={tooLong || undefined}
        disabled={props.disabled}
        autoFocus={props.autoFocus}
        autoComplete="off"
        onChange={(e) => {
          setBody(e.target.value);
          props.onTyping(e.target.value.length > 0);
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="button button--primary composer__send" disabled={!canSend}>
        {props.labels.send}
      </button>
      <p id={hintId} className={tooLong ? 'composer__hint composer__hint--error' : 'composer__hint'}>
        {tooLong ? props.labels.tooLong(LIMITS.messageMaxChars) : props.labels.hint}
      </p>
    </form>
  );
}
