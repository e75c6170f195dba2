// /privacy: what the service keeps about a survivor, for how long, and who can see it, in plain words (en/es).
import { useEffect, useState } from 'react';
import type { ClientConfigResponse } from '@beside/shared';
import { LanguageProvider, useLanguage, useT } from '../i18n';
import { getJson } from '../ui/api';
import { LanguageSwitch } from './LanguageSwitch';
import { loadExitUrl } from './quickExit';
import { QuickExitButton } from './QuickExitButton';
import { initialLanguage } from './SurvivorApp';
import { saveVisitor } from './visitorStorage';
import './survivor.css';
import './more.css';

const DEFAULT_RETENTION_HOURS = 72;

export default function PrivacyPage() {
  return (
    <LanguageProvider initial={initialLanguage()} onChange={(language) => saveVisitor({ language })}>
      <Privacy />
    </LanguageProvider>
  );
}

function Privacy() {
  const t = useT();
  const { language } = useLanguage();
  const [hours, setHours] = useState(DEFAULT_RETENTION_HOURS);

  useEffect(() => {
    void loadExitUrl();
    getJson<ClientConfigResponse>('/api/client-config').then(
      (c) => setHours(c.retentionHours),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    document.title = t.pageTitle;
    document.documentElement.lang = language;
  }, [t, language]);

  return (
    <div className="survivor">
      <header className="topbar">
        <QuickExitButton />
        <LanguageSwitch />
      </header>
      <main className="survivor__main">
        <article className="stack privacy" aria-labelledby="privacy-heading">
          <h1 id="privacy-heading">{t.privacy.title}</h1>
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
            <a href="/">{t.privacy.back}</a>
          </p>
        </article>
      </main>
    </div>
  );
}
