// The senders each event declares in code are the ones docs/PROTOCOL.md documents, and every event is documented.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clientEvents } from './events.js';
import { ANYONE, MODERATORS, STAFF, VISITOR, type Sender } from './registry.js';

const WHO: Record<string, readonly Sender[]> = { anyone: ANYONE, visitor: VISITOR, staff: STAFF, moderator: MODERATORS };

/** Every row of every "Socket events, client to server" table: the event and the first word of its "who" cell. */
function documentedSenders(): { event: string; who: string }[] {
  const text = fs.readFileSync(new URL('../../../docs/PROTOCOL.md', import.meta.url), 'utf8');
  const rows: { event: string; who: string }[] = [];
  let inClientTable = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('#')) inClientTable = /^###.*client to server/i.test(line);
    const m = inClientTable ? /^\| `([a-z:_]+)` \| ([a-z]+)/.exec(line) : null;
    if (m) rows.push({ event: m[1]!, who: m[2]! });
  }
  return rows;
}

describe('the event registry and docs/PROTOCOL.md', () => {
  const rows = documentedSenders();

  it('documents every client event the server registers', () => {
    const documented = new Set(rows.map((r) => r.event));
    expect(Object.keys(clientEvents).filter((e) => !documented.has(e))).toEqual([]);
    expect(rows.filter((r) => !(r.event in clientEvents)).map((r) => r.event)).toEqual([]);
  });

  it('names, for each event, exactly the senders the code lets through', () => {
    const mismatches = rows.filter((r) => {
      const declared = clientEvents[r.event as keyof typeof clientEvents]?.who;
      const documented = WHO[r.who];
      return !declared || !documented || [...declared].sort().join() !== [...documented].sort().join();
    });
    expect(mismatches).toEqual([]);
  });
});
