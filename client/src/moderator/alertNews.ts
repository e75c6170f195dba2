// What in the moderator's alert column is news to this page: a card seen for the first time, or a new sign on a card.
import type { AlertKind } from '@beside/shared';
import type { LiveAlert } from './useModeratorLive';

/** One call for the moderator's attention: a desktop notification (with `tag`) and a sound, worded by the caller. */
export type AlertNews =
  | { what: 'help'; tag: string; volunteerName: string }
  | { what: 'risk'; tag: string; volunteerName: string }
  | { what: 'flag'; tag: string; alert: Extract<LiveAlert, { kind: 'flag' }> };

/** What this page has been told so far: for each card (by key), the signs it carried. */
export type KnownAlerts = Map<string, ReadonlySet<AlertKind>>;

/**
 * The news among `alerts`, recording it in `known`. A card seen for the first time is one call (a help request when
 * that is its only sign, else a risk). A card seen before is news only for each sign added to it since, each worded
 * as itself: a help request added to a high-risk chat is a new call for a supervisor, not the same risk again. An
 * update that adds no sign (acknowledged, new crisis categories, imminence) is not news; nor is a card that is not
 * open (the server opens an acknowledged card again when a new sign comes). Flags are news once.
 */
export function alertNews(alerts: readonly LiveAlert[], known: KnownAlerts): AlertNews[] {
  const news: AlertNews[] = [];
  for (const alert of alerts) {
    const told = known.get(alert.key);
    if (alert.kind === 'flag') {
      if (told) continue;
      known.set(alert.key, new Set());
      news.push({ what: 'flag', tag: alert.key, alert });
      continue;
    }
    const kinds = alert.alert.kinds;
    const added = told ? kinds.filter((k) => !told.has(k)) : kinds;
    if (added.length === 0) continue;
    known.set(alert.key, new Set([...(told ?? []), ...kinds]));
    if (alert.alert.status !== 'open') continue;
    const volunteerName = alert.alert.volunteerName ?? '';
    if (!told) {
      const onlyHelp = kinds.length === 1 && kinds[0] === 'help_request';
      news.push({ what: onlyHelp ? 'help' : 'risk', tag: alert.key, volunteerName });
      continue;
    }
    // Each added sign is its own call, tagged apart so that one notification does not silently replace another.
    for (const kind of added) {
      news.push({ what: kind === 'help_request' ? 'help' : 'risk', tag: `${alert.key}:${kind}`, volunteerName });
    }
  }
  return news;
}
