// When a chat opens and nobody has written yet: a reminder that the volunteer speaks first, and a greeting to insert and edit.
import { useStaffT } from '../i18n/staff';

export function GreetingPrompt(props: { onInsert: () => void }) {
  const t = useStaffT().signals.greeting;
  return (
    <div className="greeting-prompt" role="note" aria-label={t.title}>
      <p>
        <strong>{t.title}.</strong> <span>{t.text}</span>
      </p>
      <button type="button" className="button button--primary button--small" onClick={props.onInsert}>
        {t.insert}
      </button>
    </div>
  );
}
