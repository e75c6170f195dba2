// The survivor page: quick exit first, language switch, then safety note, intake, queue or chat.
import { useEffect } from 'react';
import { LanguageProvider, useLanguage, useT } from '../i18n';
import { Intake } from './Intake';
import { QueueScreen, LeftQueue } from './QueueScreen';
import { loadExitUrl } from './quickExit';
import { LanguageSwitch } from './LanguageSwitch';
import { QuickExitButton } from './QuickExitButton';
import { SafetyNote } from './SafetyNote';
import { SurvivorChat } from './SurvivorChat';
import { useVisitorSession, type VisitorSession } from './useVisitorSession';
import { loadVisitor, saveVisitor } from './visitorStorage';
import './survivor.css';
import './more.css';

export function initialLanguage() {
  const stored = loadVisitor().language;
  if (stored) return stored;
  return navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

export function SurvivorApp() {
  return (
    <LanguageProvider initial={initialLanguage()} onChange={(language) => saveVisitor({ language })}>
      <SurvivorPage />
    </LanguageProvider>
  );
}

function SurvivorPage() {
  const t = useT();
  const { language } = useLanguage();
  const session = useVisitorSession();

  useEffect(() => void loadExitUrl(), []);

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
        <ConnectionNotice session={session} />
        {session.error ? (
          <p className="card card--error" role="alert">
            {t.errors[session.error]}
          </p>
        ) : null}
        <Screen session={session} />
      </main>
    </div>
  );
}

function Screen({ session }: { session: VisitorSession }) {
  const chat = session.snapshot.chats.at(-1);
  if (chat && session.connection) {
    return <SurvivorChat chat={chat} connection={session.connection} token={session.token} onStartOver={session.startOver} />;
  }
  switch (session.stage) {
    case 'safety':
      return <SafetyNote onContinue={session.begin} />;
    case 'restoring':
      return null;
    case 'queue':
      return (
        <QueueScreen
          status={session.queue}
          busy={session.busy}
          onLeave={() => void session.leaveQueue()}
          onPreference={(keep) => void session.setPreference(keep)}
        />
      );
    case 'left':
      return <LeftQueue onRejoin={session.rejoin} busy={session.busy} />;
    case 'intake':
      return <Intake onSubmit={(intake) => void session.join(intake)} busy={session.busy} />;
  }
}

function ConnectionNotice({ session }: { session: VisitorSession }) {
  const t = useT();
  const { status } = session.snapshot;
  const text =
    status === 'reconnecting'
      ? t.reconnecting
      : (status === 'connecting' && session.connection) || (session.busy && status !== 'online')
        ? t.connecting
        : undefined;
  return (
    <p className={text ? 'connection-notice' : 'visually-hidden'} role="status">
      {text}
    </p>
  );
}
