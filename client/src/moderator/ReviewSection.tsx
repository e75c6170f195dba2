// The review section: the queue of flags (open most severe first, or decided), opening one as an audited action, then its transcript.
import { useCallback, useEffect, useState } from 'react';
import type { FlagQueueItem, Transcript } from '@beside/shared';
import { useModT } from '../i18n/moderator';
import { toApiError } from '../ui/api';
import { FlagCard } from './FlagCard';
import { modApi } from './modApi';
import { TranscriptView } from './TranscriptView';

export function ReviewSection(props: { token: string; flagsVersion: number }) {
  const t = useModT();
  const { token, flagsVersion } = props;
  const [status, setStatus] = useState<'open' | 'closed'>('open');
  const [flags, setFlags] = useState<FlagQueueItem[]>();
  const [error, setError] = useState<string>();
  const [opened, setOpened] = useState<{ transcript: Transcript; flagId: string }>();

  const load = useCallback(() => {
    setError(undefined);
    modApi.flags(token, status).then(
      (r) => setFlags(r.flags),
      (e: unknown) => setError(toApiError(e).message),
    );
  }, [token, status]);

  useEffect(() => load(), [load, flagsVersion]);

  if (opened) {
    return (
      <TranscriptView
        token={token}
        transcript={opened.transcript}
        flagId={opened.flagId}
        onClose={() => {
          setOpened(undefined);
          load();
        }}
      />
    );
  }

  return (
    <div className="stack">
      <div className="mod-toolbar">
        <fieldset className="mod-segmented">
          <legend className="visually-hidden">{t.review.statusLabel}</legend>
          {(['open', 'closed'] as const).map((s) => (
            <label key={s} className="mod-segmented__option">
              <input type="radio" name="flag-status" value={s} checked={status === s} onChange={() => setStatus(s)} />
              <span>{t.review[s]}</span>
            </label>
          ))}
        </fieldset>
        <button type="button" className="button button--ghost button--small" onClick={load}>
          {t.review.refresh}
        </button>
      </div>
      {error ? (
        <p className="card card--error" role="alert">
          {error}
        </p>
      ) : null}
      {!flags && !error ? <p className="hint">{t.review.loading}</p> : null}
      {flags && flags.length === 0 ? <p className="card card--quiet">{status === 'open' ? t.review.empty : t.review.emptyClosed}</p> : null}
      {flags && flags.length > 0 ? (
        <ul className="flag-list">
          {flags.map((flag) => (
            <FlagCard key={flag.id} token={token} flag={flag} onOpened={(transcript) => setOpened({ transcript, flagId: flag.id })} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}
