// The privacy view: what the service keeps about a survivor, for how long, and who can see it, in plain words (en/es).
import { useEffect, useRef, useState } from 'react';
import type { ClientConfigResponse } from '@beside/shared';
import { useT } from '../i18n';
import { getJson } from '../ui/api';

const DEFAULT_RETENTION_HOURS = 72;

/**
 * Shown inside the survivor page, never as a page of its own in the tab's history: opening it and coming back
 * replace the one history entry the service has, so that quick exit (which replaces that entry too) leaves
 * nothing of Beside behind Back, whatever was read before.
 */
export function PrivacyArticle(props: { onBack: () => void }) {
  const t = useT();
  const [hours, setHours] = useState(DEFAULT_RETENTION_HOURS);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
    getJson<ClientConfigResponse>('/api/client-config').then(
      (c) => setHours(c.retentionHours),
      () => undefined,
    );
  }, []);

  return (
    <article className="stack privacy" aria-labelledby="privacy-heading">
      <h1 id="privacy-heading" ref={heading} tabIndex={-1}>
        {t.privacy.title}
      </h1>
      <p className="lead">{t.privacy.intro}</p>
      {t.privacy.sections.map((section) => (
        <section key={section.heading} className="card privacy__section">
          <h2 className="card__title">{section.heading}</h2>
          <ul className="privacy__list">
            {section.body.map((line) => (
              <li key={line}>{line.replaceAll('{hours}', String(hours))}</li>
            ))}
          </ul>
        </section>
      ))}
      <p>
        <a
          href="/"
          onClick={(e) => {
            if (e.metaKey || e.ctrlKey || e.shiftKey) return;
            e.preventDefault();
            props.onBack();
          }}
        >
          {t.privacy.back}
        </a>
      </p>
    </article>
  );
}
