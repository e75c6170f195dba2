// The survivor page: quick exit first, language switch, then safety note, intake, queue or chat; the privacy view in place.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { LanguageProvider, useLanguage, useT } from '../i18n';
import { Intake } from './Intake';
import { QueueScreen, LeftQueue } from './QueueScreen';
import { SignalOptions, usePendingSignal, useSignalChoice } from './discreetSignal';
import { PrivacyArticle } from './PrivacyPage';
import { loadExitUrl } from './quickExit';
import { LanguageSwitch } from './LanguageSwitch';
import { QuickExitButton } from './QuickExitButton';
import { SafetyNote } from './SafetyNote';
import { SurvivorChat } from './SurvivorChat';
import { useVisitorSession, type VisitorSession } from './useVisitorSession';
import { WaitingThread } from './WaitingThread';
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

type View = 'main' | 'privacy';

const viewOf = (pathname: string): View => (pathname.replace(/\/+$/, '') === '/privacy' ? 'privacy' : 'main');

function SurvivorPage() {
  const t = useT();
  const { language } = useLanguage();
  const session = useVisitorSession();
  const [view, setView] = useState<View>(() => viewOf(location.pathname));
  const [signal, setSignal] = useSignalChoice();
  const pending = usePendingSignal(session.snapshot, signal);
  // replaceState, never pushState: the service keeps one entry in the tab's history, which quick exit replaces.
  const show = useCallback((next: View) => {
    history.replaceState(null, '', next === 'privacy' ? '/privacy' : '/');
    setView(next);
    window.scrollTo(0, 0);
  }, []);

  useEffect(() => void loadExitUrl(), []);

  // The title stays neutral; only a survivor who asked for it sees "Notes (1)" while the tab is in the background.
  useEffect(() => {
    document.title = pending > 0 ? `${t.pageTitle} (${pending})` : t.pageTitle;
    document.documentElement.lang = language;
  }, [t, language, pending]);

  return (
    <div className="survivor">
      <header className="topbar">
        <QuickExitButton />
        <LanguageSwitch />
      </header>
      <main className="survivor__main">
        {view === 'privacy' ? (
          <PrivacyArticle onBack={() => show('main')} />
        ) : (
          <>
            <ConnectionNotice session={session} />
            {session.error ? (
              <p className="card card--error" role="alert">
                {t.errors[session.error]}
              </p>
            ) : null}
            <Screen session={session} onPrivacy={() => show('privacy')} signal={<SignalOptions choice={signal} onChange={setSignal} />} />
          </>
        )}
      </main>
    </div>
  );
}

function Screen({ session, onPrivacy, signal }: { session: VisitorSession; onPrivacy: () => void; signal: ReactNode }) {
  const chat = session.snapshot.chats.at(-1);
  if (chat && session.connection) {
    return <SurvivorChat chat={chat} connection={session.connection} token={session.token} onStartOver={session.startOver} signal={signal} />;
  }
  switch (session.stage) {
    case 'safety':
      return <SafetyNote onContinue={session.begin} onPrivacy={onPrivacy} />;
    case 'restoring':
      return null;
    case 'queue':
      return (
        <>
          <QueueScreen
            signal={signal}
            status={session.queue}
            busy={session.busy}
            onLeave={() => void session.leaveQueue()}
            onPreference={(keep) => void session.setPreference(keep)}
          />
          {/* Back in line after a volunteer had to go: what was said stays on screen. */}
          <WaitingThread connection={session.connection} conversationId={session.queue?.state === 'waiting' ? session.queue.continuesConversationId : undefined} />
        </>
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
