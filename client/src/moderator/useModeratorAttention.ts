// What makes the moderator console call for attention: a high-risk chat, a help request, a new flag, each once.
import { useEffect, useRef, useState } from 'react';
import { useModT } from '../i18n/moderator';
import { useStaffT } from '../i18n/staff';
import { notify, type Tone } from '../ui/attention';
import { usePageVisible, useTitleCount, type StaffAttention } from '../ui/useAttention';
import type { LiveAlert } from './useModeratorLive';

/**
 * Sounds (the person's choice) and a desktop notification without content for each alert that is new to this
 * page; the title and favicon count the alerts that arrived while the page was out of sight.
 */
export function useModeratorAttention(alerts: readonly LiveAlert[], attention: StaffAttention): void {
  const t = useModT();
  const ts = useStaffT();
  const n = ts.signals.notify;
  const visible = usePageVisible();
  const known = useRef(new Set<string>());
  const [missed, setMissed] = useState(0);
  const { tone } = attention;

  useEffect(() => {
    let arrived = 0;
    let loudest: Tone | undefined;
    const louder = (x: Tone) => {
      if (!loudest || x === 'urgent' || (x === 'chime' && loudest === 'soft')) loudest = x;
    };
    for (const alert of alerts) {
      // A help request answered by someone else is the same key again: news only when it is first seen.
      if (known.current.has(alert.key)) continue;
      known.current.add(alert.key);
      if (alert.kind !== 'flag' && alert.ended) continue;
      arrived++;
      if (alert.kind === 'risk') {
        louder('urgent');
        notify(n.modRisk, n.modRiskBody(alert.risk.volunteerName), alert.key);
      } else if (alert.kind === 'help') {
        if (alert.help.status !== 'open') continue;
        louder('chime');
        notify(n.help, n.helpBody(alert.help.volunteerName), alert.key);
      } else {
        louder(alert.flag.severity === 4 ? 'urgent' : 'soft');
        notify(n.flag, n.flagBody(t.reasons[alert.flag.reason]), alert.key);
      }
    }
    if (loudest) tone(loudest);
    if (arrived > 0 && document.visibilityState !== 'visible') setMissed((m) => m + arrived);
  }, [alerts, n, t, tone]);

  useEffect(() => {
    if (visible) setMissed(0);
  }, [visible]);

  useTitleCount(t.pageTitle, missed);
}
