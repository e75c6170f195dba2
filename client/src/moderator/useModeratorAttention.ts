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
      // A card is news when it is first seen and when a new sign is added to it (not when it is acknowledged).
      const seen = alert.kind === 'danger' ? `${alert.key}:${alert.alert.kinds.join(',')}` : alert.key;
      if (known.current.has(seen)) continue;
      known.current.add(seen);
      if (alert.kind === 'danger') {
        if (alert.alert.status !== 'open') continue;
        arrived++;
        const name = alert.alert.volunteerName ?? '';
        if (alert.alert.kinds.length === 1 && alert.alert.kinds[0] === 'help_request') {
          louder('chime');
          notify(n.help, n.helpBody(name), alert.key);
        } else {
          louder('urgent');
          notify(n.modRisk, name ? n.modRiskBody(name) : t.alerts.danger(undefined), alert.key);
        }
      } else {
        arrived++;
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
