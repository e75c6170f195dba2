// The intake in a few taps: danger first (with emergency numbers at once), then topic, language, wish, preference.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  LANGUAGES,
  TOPICS,
  VOLUNTEER_PREFERENCES,
  WANTS,
  type IntakeInput,
  type Language,
  type Topic,
  type VolunteerPreference,
  type Want,
} from '@beside/shared';
import { useLanguage, useT } from '../i18n';
import { EmergencyNumbers } from './Help';

const STEPS = 5;

export function Intake(props: { onSubmit: (intake: IntakeInput) => void; busy: boolean }) {
  const t = useT();
  const { language: uiLanguage, setLanguage } = useLanguage();
  const [step, setStep] = useState(0);
  const [inDanger, setInDanger] = useState<boolean>();
  const [topic, setTopic] = useState<Topic>();
  const [language, setChatLanguage] = useState<Language>(uiLanguage);
  const [want, setWant] = useState<Want>('to_be_heard');
  const [preference, setPreference] = useState<VolunteerPreference>('none');
  const heading = useRef<HTMLHeadingElement>(null);
  const moved = useRef(false);

  // Announce each new question to screen readers by moving focus to it (not on first display).
  useEffect(() => {
    if (moved.current) heading.current?.focus();
    moved.current = true;
  }, [step, inDanger]);

  const next = () => setStep((s) => Math.min(s + 1, STEPS - 1));
  const submit = () => {
    if (inDanger === undefined || !topic) return;
    props.onSubmit({ inDanger, topic, language, want, preference });
  };

  let question: string;
  let body: ReactNode;
  switch (step) {
    case 0:
      question = t.intake.dangerQuestion;
      body =
        inDanger === true ? (
          <div className="card card--urgent" role="alert">
            <h2 className="card__title">{t.intake.emergencyHeading}</h2>
            <EmergencyNumbers />
            <p>{t.intake.emergencyKeepGoing}</p>
            <button type="button" className="button button--primary" onClick={next}>
              {t.continue}
            </button>
          </div>
        ) : (
          <Choices
            options={[
              { value: true, label: t.intake.yes },
              { value: false, label: t.intake.no },
            ]}
            selected={inDanger}
            onChoose={(value) => {
              setInDanger(value);
              if (!value) next();
            }}
          />
        );
      break;
    case 1:
      question = t.intake.topicQuestion;
      body = <Choices options={TOPICS.map((v) => ({ value: v, label: t.intake.topics[v] }))} selected={topic} onChoose={(v) => {
            setTopic(v);
            next();
          }} />;
      break;
    case 2:
      question = t.intake.languageQuestion;
      body = (
        <Choices
          options={LANGUAGES.map((v) => ({ value: v, label: t.languageNames[v], lang: v }))}
          selected={language}
          onChoose={(v) => {
            setChatLanguage(v);
            setLanguage(v);
            next();
          }}
        />
      );
      break;
    case 3:
      question = t.intake.wantQuestion;
      body = <Choices options={WANTS.map((v) => ({ value: v, label: t.intake.wants[v] }))} selected={want} onChoose={(v) => {
            setWant(v);
            next();
          }} />;
      break;
    default:
      question = t.intake.preferenceQuestion;
      body = (
        <>
          <p className="hint">{t.intake.preferenceOptional}</p>
          <Choices
            options={VOLUNTEER_PREFERENCES.map((v) => ({ value: v, label: t.intake.preferences[v] }))}
            selected={preference}
            onChoose={setPreference}
          />
          <button type="button" className="button button--primary button--wide" onClick={submit} disabled={props.busy}>
            {t.intake.submit}
          </button>
        </>
      );
  }

  return (
    <section className="stack intake" aria-labelledby="intake-question">
      <p className="step">{t.intake.step(step + 1, STEPS)}</p>
      <h1 id="intake-question" ref={heading} tabIndex={-1}>
        {question}
      </h1>
      {body}
      {step > 0 || inDanger ? (
        <button
          type="button"
          className="button button--ghost"
          onClick={() => (step === 0 ? setInDanger(undefined) : setStep(step - 1))}
        >
          {t.back}
        </button>
      ) : null}
    </section>
  );
}

function Choices<V extends string | boolean>(props: {
  options: { value: V; label: string; lang?: string }[];
  selected: V | undefined;
  onChoose: (value: V) => void;
}) {
  return (
    <div className="choices" role="group" aria-labelledby="intake-question">
      {props.options.map((o) => (
        <button
          key={String(o.value)}
          type="button"
          lang={o.lang}
          className="choice"
          aria-pressed={props.selected === o.value}
          onClick={() => props.onChoose(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
