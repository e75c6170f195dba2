import { describe, expect, it } from 'vitest';
import type { AlertKind, AlertStatus, AlertView, FlagQueueItem } from '@beside/shared';
import { alertNews, type KnownAlerts } from './alertNews';
import type { LiveAlert } from './useModeratorLive';

const ID = '6f1c2a9e-3d4b-4c5a-9e8f-0a1b2c3d4e5f';

function card(kinds: AlertKind[], status: AlertStatus = 'open'): LiveAlert {
  const alert: AlertView = {
    id: ID,
    conversationId: '0b7d3c1e-5f2a-4e6b-8c9d-1a2b3c4d5e6f',
    kinds,
    crisisKinds: kinds.includes('crisis') ? ['suicide'] : [],
    imminent: false,
    status,
    topic: 'workplace',
    language: 'en',
    urgent: false,
    volunteerId: 'a3e5c7f9-1b2d-4f6a-8c0e-2d4f6a8c0e1b',
    volunteerName: 'Harper',
    raisedAt: '2026-03-04T09:00:00.000Z',
    updatedAt: '2026-03-04T09:00:00.000Z',
  };
  return { key: `alert:${ID}`, kind: 'danger', at: alert.updatedAt, alert };
}

describe('what is news in the alert column', () => {
  it('a new card is one call: help when it is only a help request, else a risk', () => {
    expect(alertNews([card(['help_request'])], new Map())).toEqual([{ what: 'help', tag: `alert:${ID}`, volunteerName: 'Harper' }]);
    expect(alertNews([card(['intake_danger', 'crisis'])], new Map())).toEqual([{ what: 'risk', tag: `alert:${ID}`, volunteerName: 'Harper' }]);
  });

  it('a help request added to a high-risk chat is a new call in its own words, once', () => {
    const known: KnownAlerts = new Map();
    expect(alertNews([card(['crisis'])], known)).toEqual([{ what: 'risk', tag: `alert:${ID}`, volunteerName: 'Harper' }]);
    const withHelp = card(['crisis', 'help_request']);
    expect(alertNews([withHelp], known)).toEqual([{ what: 'help', tag: `alert:${ID}:help_request`, volunteerName: 'Harper' }]);
    // The same card again (another render, the overview after a reconnect): nothing new.
    expect(alertNews([withHelp], known)).toEqual([]);
    // A risk sign added to a help request is a risk call.
    expect(alertNews([card(['crisis', 'help_request', 'volunteer_marked'])], known)).toEqual([
      { what: 'risk', tag: `alert:${ID}:volunteer_marked`, volunteerName: 'Harper' },
    ]);
  });

  it('an update that adds no sign is not news: acknowledged, or the same signs', () => {
    const known: KnownAlerts = new Map();
    alertNews([card(['crisis'])], known);
    expect(alertNews([card(['crisis'], 'acknowledged')], known)).toEqual([]);
    // A new sign opens the card again on the server; a card not open is remembered but not called for.
    expect(alertNews([card(['crisis', 'help_request'], 'acknowledged')], known)).toEqual([]);
    expect(alertNews([card(['crisis', 'help_request'])], known)).toEqual([]);
    expect(alertNews([card(['crisis', 'help_request', 'urgent_waiting'])], known)).toHaveLength(1);
  });

  it('a flag is news once', () => {
    const flag = { key: 'flag:1', kind: 'flag', at: '2026-03-04T09:00:00.000Z', flag: { id: '1' } as FlagQueueItem } as const;
    const known: KnownAlerts = new Map();
    expect(alertNews([flag], known)).toEqual([{ what: 'flag', tag: 'flag:1', alert: flag }]);
    expect(alertNews([flag, card(['crisis'])], known).map((n) => n.what)).toEqual(['risk']);
  });
});
