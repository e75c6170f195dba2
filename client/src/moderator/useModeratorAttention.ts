// What makes the moderator console call for attention: a high-risk chat, a help request, a new flag, each once.
import { useEffect, useRef, useState } from 'react';
import { useModT } from '../i18n/moderator';
import { useStaffT } from '../i18n/staff';
import { notify, type Tone } from '../ui/attention';
import { usePageVisible, useTitleCount, type StaffAttention } from '../ui/useAttention';
import { alertNews, type KnownAlerts } from './alertNews';
import type { LiveAlert } from './useModeratorLive';

/**
 * Sounds (the person's choice) and a desktop notification without content for each alert that is new to this
 * page, and for each new sign added to a card (`alertNews`); the title and favicon count them while the page was
 * out of sight.
 */
export function useModeratorAttention(alerts: readonly LiveAlert[], attention: StaffAttention): void {
  const t = useModT();
  const ts = useStaffT();
  const n = ts.signals.notify;
  const visible = usePageVisible();
  const known = useRef<KnownAlerts>(new Map());
  const [missed, setMissed] = useState(0);
  const { tone } = attention;

  useEffect(() => {
    const news = alertNews(alerts, known.current);
    let loudest: Tone | undefined;
    const louder = (x: Tone) => {
      if (!loudest || x === 'urgent' || (x === 'chime' && loudest === 'soft')) loudest = x;
    };
    for (const item of news) {
      if (item.what === 'help') {
        louder('chime');
        notify(n.help, n.helpBody(item.volunteerName), item.tag);
      } else if (item.what === 'risk') {
        louder('urgent');
        notify(n.modRisk, item.volunteerName ? n.modRiskBody(item.volunteerName) : t.alerts.danger(undefined), item.tag);
      } else {
        louder(item.alert.flag.severity === 4 ? 'urgent' : 'soft');
        notify(n.flag, n.flagBody(t.reasons[item.alert.flag.reason]), item.tag);
      }
    }
    if (loudest) tone(loudest);
    if (news.length > 0 && document.visibilityState !== 'visible') setMissed((m) => m + news.length);
  }, [alerts, n, t, tone]);

  useEffect(() => {
    if (visible) setMissed(0);
  }, [visible]);

  useTitleCount(t.pageTitle, missed);
}
