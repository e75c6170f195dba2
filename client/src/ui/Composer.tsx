// The message box: Enter sends (on a touch screen it adds a line and Send sends), typing is signalled, a counter near the limit; text can be inserted.
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LIMITS } from '@beside/shared';
import { useMediaQuery } from './useMediaQuery';

export interface ComposerLabels {
  label: string;
  placeholder: string;
  send: string;
  /** With a keyboard: "Enter sends, Shift+Enter adds a line." */
  hint: string;
  /** On a touch screen, where Enter adds a line: "Tap Send to send." */
  hintTouch: string;
  /** "3,650 of 4,000 characters", shown as the limit comes near. */
  count: (used: number, max: number) => string;
  tooLong: (max: number) => string;
}

/** A phone or tablet: no hover, a coarse pointer. There Enter is the keyboard's new line, and Send sends. */
const TOUCH_QUERY = '(hover: none) and (pointer: coarse)';
/** The counter appears this close to the limit, before the limit is a surprise. */
export const COUNT_FROM = LIMITS.messageMaxChars - 500;

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
  const touch = useMediaQuery(TOUCH_QUERY);
  const tooLong = body.length > LIMITS.messageMaxChars;
  const counting = body.length >= COUNT_FROM;
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
    if (event.key === 'Enter' && !event.shiftKey && !touch && !event.nativeEvent.isComposing) {
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
        enterKeyHint={touch ? 'enter' : 'send'}
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
        <span>{tooLong ? props.labels.tooLong(LIMITS.messageMaxChars) : touch ? props.labels.hintTouch : props.labels.hint}</span>
        {counting ? (
          <span className={tooLong ? 'composer__count composer__count--over' : 'composer__count'} aria-live="polite">
            {props.labels.count(body.length, LIMITS.messageMaxChars)}
          </span>
        ) : null}
      </p>
    </form>
  );
}
