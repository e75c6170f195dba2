// Who supervises now, at the top of the alerts column: the supervisors online, who is on call (and whether they
// are connected), and whether a pager is set up. Refreshed every 30 s and whenever the alerts change.
import { useEffect, useState } from 'react';
import type { OnCallResponse } from '@beside/shared';
import { useOnCallT } from '../i18n/oncall';
import { modApi } from './modApi';

const REFRESH_MS = 30_000;

export function OnCallStrip(props: { token: string; selfName: string; poke: unknown }) {
  const w = useOnCallT().strip;
  const [onCall, setOnCall] = useState<OnCallResponse>();
  const { token, poke } = props;

  useEffect(() => {
    let current = true;
    const load = () =>
      void modApi
        .onCall(token)
        .then((r) => current && setOnCall(r))
        .catch(() => undefined);
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      current = false;
      clearInterval(timer);
    };
  }, [token, poke]);

  if (!onCall) return null;
  const others = onCall.online.filter((s) => s.name !== props.selfName).map((s) => s.name);
  const onCallNames = onCall.onCall.map((s) => (s.online ? s.name : `${s.name} (${w.notConnected})`));
  return (
    <section className="oncall-strip" aria-label={w.label}>
      <p className="oncall-strip__line">{others.length > 0 ? w.online(others.join(', ')) : w.nobodyOnline}</p>
      <p className="oncall-strip__line">{onCallNames.length > 0 ? w.onCall(onCallNames.join(', ')) : w.nobodyOnCall}</p>
      {!onCall.pagerConfigured ? <p className="oncall-strip__line oncall-strip__line--warn">{w.pagerOff}</p> : null}
    </section>
  );
}
