// The supervisors' live board: everyone waiting and every live chat, no content, sortable, refreshed every few
// seconds and at once on every alert; Observe one click away (a chat no sign escalated asks for the reason first).
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { OBSERVE_REASONS, type BoardAlert, type BoardChat, type BoardWaiting, type LiveBoard as Board, type ObserveReason } from '@beside/shared';
import { useBoardT, type BoardWords } from '../i18n/board';
import { useModT } from '../i18n/moderator';
import { useStaffT } from '../i18n/staff';
import { formatTime, modApi } from './modApi';
import type { ModeratorLive } from './useModeratorLive';
import './board.css';

const REFRESH_MS = 5000;
/** A survivor waiting this long for a reply is shown in the urgent colour. */
const LONG_SILENCE_MS = 2 * 60_000;

/** The board from the server, refreshed every few seconds and whenever `poke` changes; with the server's clock offset. */
function useBoard(token: string, poke: unknown): { board?: Board; offset: number; fetchedAt: number; failed: boolean } {
  const [state, setState] = useState<{ board?: Board; offset: number; fetchedAt: number; failed: boolean }>({ offset: 0, fetchedAt: 0, failed: false });
  const tokenRef = useRef(token);
  tokenRef.current = token;
  const load = useCallback(async () => {
    try {
      const board = await modApi.board(tokenRef.current);
      const now = Date.now();
      setState({ board, offset: Date.parse(board.at) - now, fetchedAt: now, failed: false });
    } catch {
      setState((s) => ({ ...s, failed: true }));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load, poke]);
  useEffect(() => {
    const timer = setInterval(() => void load(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load]);
  return state;
}

/** The clock, ticking every second, so ages move between refreshes. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

type Dir = 'asc' | 'desc';
interface Sort<K extends string> {
  key: K;
  dir: Dir;
}

function SortHeader<K extends string>(props: { label: string; column: K; sort: Sort<K>; onSort: (s: Sort<K>) => void; words: BoardWords }) {
  const active = props.sort.key === props.column;
  return (
    <th scope="col" aria-sort={active ? (props.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button
        type="button"
        className="board__sort"
        title={props.words.sortBy(props.label)}
        onClick={() => props.onSort({ key: props.column, dir: active && props.sort.dir === 'desc' ? 'asc' : 'desc' })}
      >
        {props.label}
        <span aria-hidden="true">{active ? (props.sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

/** A table head: the sortable columns, in order, then one plain column. */
function SortHead<K extends string>(props: { columns: [K, string][]; last: string; sort: Sort<K>; onSort: (s: Sort<K>) => void; words: BoardWords }) {
  return (
    <thead>
      <tr>
        {props.columns.map(([column, label]) => (
          <SortHeader key={column} label={label} column={column} sort={props.sort} onSort={props.onSort} words={props.words} />
        ))}
        <th scope="col">{props.last}</th>
      </tr>
    </thead>
  );
}

/** Rows sorted by the chosen column's value, in the chosen direction. */
function sortRows<T, K extends string>(items: T[], sort: Sort<K>, value: (item: T) => string | number): T[] {
  const sorted = [...items].sort((a, b) => compare(value(a), value(b)));
  return sort.dir === 'asc' ? sorted : sorted.reverse();
}

/** How much a row calls for a supervisor: imminent and unanswered first, then high risk, help, urgency. */
function attention(alert: BoardAlert | undefined, high: boolean, urgent: boolean, help = false): number {
  let score = 0;
  if (alert?.imminent && alert.status === 'open') score += 100;
  else if (alert?.imminent) score += 50;
  if (alert?.status === 'open') score += 20;
  if (high) score += 10;
  if (help) score += 8;
  if (urgent) score += 5;
  return score;
}

function Signs(props: { alert?: BoardAlert; urgent: boolean; high: boolean; help?: boolean; words: BoardWords }) {
  const t = useModT();
  const { alert, words } = props;
  const pills: { key: string; text: string; strong: boolean }[] = [];
  if (alert?.imminent) pills.push({ key: 'imminent', text: words.imminent, strong: true });
  if (props.high) pills.push({ key: 'high', text: words.highRisk, strong: true });
  if (props.urgent) pills.push({ key: 'urgent', text: words.urgent, strong: true });
  if (props.help) pills.push({ key: 'help', text: words.helpAsked, strong: false });
  return (
    <>
      {pills.map((p) => (
        <span key={p.key} className={`badge board__pill ${p.strong ? 'badge--urgent' : ''}`}>
          {p.text}
        </span>
      ))}
      {alert ? (
        <span className="board__kinds">
          {alert.kinds.map((k) => t.alerts.kinds[k]).join(', ')}
          {alert.status === 'acknowledged' ? ` (${words.acknowledged})` : ''}
        </span>
      ) : null}
      {pills.length === 0 && !alert ? <span className="board__quiet">{words.notYet}</span> : null}
    </>
  );
}

type WaitingKey = 'waited' | 'signs' | 'language' | 'topic' | 'place';
type ChatKey = 'signs' | 'volunteer' | 'topic' | 'survivorWrote' | 'lastReply' | 'supervision';

function compare(a: string | number, b: string | number): number {
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b));
}

function WaitingTable(props: { waiting: BoardWaiting[]; now: number; words: BoardWords }) {
  const ts = useStaffT();
  const { words, now } = props;
  const [sort, setSort] = useState<Sort<WaitingKey>>({ key: 'place', dir: 'asc' });
  const rows = useMemo(() => {
    const value = (w: BoardWaiting): string | number => {
      switch (sort.key) {
        case 'waited':
          return now - Date.parse(w.queuedAt);
        case 'signs':
          return attention(w.alert, w.risk === 'high', w.urgent);
        case 'language':
          return ts.languages[w.language];
        case 'topic':
          return ts.topics[w.topic];
        case 'place':
          // The matching order: urgent first, then by place in each language's line.
          return (w.urgent ? 0 : 1000) + w.position;
      }
    };
    return sortRows(props.waiting, sort, value);
  }, [props.waiting, sort, now, ts]);
  const c = words.waitingColumns;
  if (rows.length === 0) return <p className="board__empty">{words.noneWaiting}</p>;
  return (
    <div className="table-wrap">
      <table className="board__table">
        <SortHead
          columns={[
            ['waited', c.waited],
            ['signs', c.signs],
            ['language', c.language],
            ['topic', c.topic],
            ['place', c.place],
          ]}
          last={c.state}
          sort={sort}
          onSort={setSort}
          words={words}
        />
        <tbody>
          {rows.map((w) => (
            <tr key={w.queueEntryId} className={w.alert?.imminent || w.urgent ? 'board__row--urgent' : undefined}>
              <td>
                <time dateTime={w.queuedAt} title={formatTime(w.queuedAt)}>
                  {words.age((now - Date.parse(w.queuedAt)) / 1000)}
                </time>
              </td>
              <td>
                <Signs alert={w.alert} urgent={w.urgent} high={w.risk === 'high'} words={words} />
              </td>
              <td>{ts.languages[w.language]}</td>
              <td>{ts.topics[w.topic]}</td>
              <td>{words.place(w.position)}</td>
              <td>{w.disconnected ? words.pageClosed : w.returning ? words.returning : words.waitingNow}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ObserveCell(props: { chat: BoardChat; live: ModeratorLive; onObserved: (id: string) => void; words: BoardWords }) {
  const { chat, words } = props;
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState<ObserveReason>('awaiting_reply');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const ts = useStaffT();
  const observing = props.live.observed.some((c) => c.view.id === chat.conversationId);
  const label = words.chatRow(chat.volunteerName, ts.topics[chat.topic]);

  async function observe(why?: ObserveReason) {
    setBusy(true);
    const failed = await props.live.observe(chat.conversationId, why);
    setBusy(false);
    setError(failed ?? '');
    if (!failed) {
      setAsking(false);
      props.onObserved(chat.conversationId);
    }
  }

  if (observing) {
    return (
      <button type="button" className="button button--small" onClick={() => props.onObserved(chat.conversationId)}>
        {words.open}
      </button>
    );
  }
  if (!asking) {
    return (
      <>
        <button
          type="button"
          className="button button--primary button--small"
          disabled={busy}
          aria-label={`${words.observe}: ${label}`}
          onClick={() => (chat.escalated ? void observe() : setAsking(true))}
        >
          {words.observe}
        </button>
        {error ? (
          <p className="form-error" role="alert">
            {error}
          </p>
        ) : null}
      </>
    );
  }
  return (
    <fieldset className="board__why">
      <legend>{words.observeWhy}</legend>
      <p className="board__hint">{words.observeWhyHint}</p>
      {OBSERVE_REASONS.map((r) => (
        <label key={r} className="board__why-choice">
          <input type="radio" name={`why-${chat.conversationId}`} value={r} checked={reason === r} onChange={() => setReason(r)} />
          {words.reasons[r]}
        </label>
      ))}
      <div className="board__why-actions">
        <button type="button" className="button button--primary button--small" disabled={busy} onClick={() => void observe(reason)}>
          {words.observeConfirm}
        </button>
        <button type="button" className="link-button" onClick={() => setAsking(false)}>
          {words.cancel}
        </button>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Milliseconds from `iso` to `now`; -1 when it never happened (sorts last). */
const sinceAt = (now: number, iso?: string) => (iso ? now - Date.parse(iso) : -1);

function ChatsTable(props: { chats: BoardChat[]; now: number; live: ModeratorLive; onObserved: (id: string) => void; words: BoardWords }) {
  const ts = useStaffT();
  const { words, now } = props;
  const [sort, setSort] = useState<Sort<ChatKey>>({ key: 'signs', dir: 'desc' });
  const since = (iso?: string) => sinceAt(now, iso);
  const rows = useMemo(() => {
    const since = (iso?: string) => sinceAt(now, iso);
    const value = (c: BoardChat): string | number => {
      switch (sort.key) {
        case 'signs':
          // Ties go to whoever has waited longest for a reply.
          return attention(c.alert, c.risk === 'high', c.urgent, c.helpRequested) * 1e9 + (c.awaitingReply ? Math.min(since(c.lastSurvivorAt), 1e9 - 1) : 0);
        case 'volunteer':
          return c.volunteerName;
        case 'topic':
          return ts.topics[c.topic];
        case 'survivorWrote':
          return c.awaitingReply ? since(c.lastSurvivorAt) : -1;
        case 'lastReply':
          return since(c.lastReplyAt);
        case 'supervision':
          return c.supervision === 'taken_over' ? 2 : c.supervision === 'observed' ? 1 : 0;
      }
    };
    return sortRows(props.chats, sort, value);
  }, [props.chats, sort, now, ts]);
  const c = words.chatColumns;
  if (rows.length === 0) return <p className="board__empty">{words.noChats}</p>;
  return (
    <div className="table-wrap">
      <table className="board__table">
        <SortHead
          columns={[
            ['signs', c.signs],
            ['volunteer', c.volunteer],
            ['topic', c.topic],
            ['survivorWrote', c.survivorWrote],
            ['lastReply', c.lastReply],
            ['supervision', c.supervision],
          ]}
          last={c.action}
          sort={sort}
          onSort={setSort}
          words={words}
        />
        <tbody>
          {rows.map((chat) => (
            <tr key={chat.conversationId} className={chat.alert?.imminent || chat.risk === 'high' ? 'board__row--urgent' : undefined}>
              <td>
                <Signs alert={chat.alert} urgent={chat.urgent} high={chat.risk === 'high'} help={chat.helpRequested} words={words} />
              </td>
              <td>{chat.volunteerName}</td>
              <td>
                {ts.topics[chat.topic]}
                <span className="board__quiet"> · {ts.languages[chat.language]}</span>
              </td>
              <td className={chat.awaitingReply && since(chat.lastSurvivorAt) >= LONG_SILENCE_MS ? 'board__waiting' : undefined}>
                {chat.lastSurvivorAt ? (
                  <time dateTime={chat.lastSurvivorAt} title={formatTime(chat.lastSurvivorAt)}>
                    {words.age(since(chat.lastSurvivorAt) / 1000)}
                  </time>
                ) : (
                  words.notYet
                )}
                {chat.awaitingReply ? <span className="board__quiet"> · {words.awaitingReply}</span> : null}
              </td>
              <td>
                {chat.lastReplyAt ? (
                  <time dateTime={chat.lastReplyAt} title={formatTime(chat.lastReplyAt)}>
                    {words.age(since(chat.lastReplyAt) / 1000)}
                  </time>
                ) : (
                  words.notYet
                )}
              </td>
              <td>
                {chat.supervision === 'none'
                  ? words.supervision.none
                  : words.supervisedBy(words.supervision[chat.supervision], chat.supervisorNames.join(', '))}
              </td>
              <td>
                <ObserveCell chat={chat} live={props.live} onObserved={props.onObserved} words={words} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function LiveBoard(props: { token: string; live: ModeratorLive; onObserved: (conversationId: string) => void }) {
  const words = useBoardT();
  // Any alert or supervision change reloads at once; the timer covers the queue and the messages.
  const poke = `${props.live.alerts.map((a) => a.key + a.at).join()}|${props.live.observed.length}`;
  const { board, offset, fetchedAt, failed } = useBoard(props.token, poke);
  const now = useNow() + offset;
  return (
    <div className="board stack">
      <p className="board__intro">
        {words.intro}{' '}
        <span className="board__quiet">
          {fetchedAt ? words.updated((Date.now() - fetchedAt) / 1000) : ''}
        </span>
      </p>
      {failed ? (
        <p className="card card--urgent" role="alert">
          {words.stale}
        </p>
      ) : null}
      {board ? (
        <>
          <section aria-labelledby="board-waiting">
            <h2 id="board-waiting" className="board__heading">
              {words.waitingHeading(board.waiting.length)}
            </h2>
            <WaitingTable waiting={board.waiting} now={now} words={words} />
          </section>
          <section aria-labelledby="board-chats">
            <h2 id="board-chats" className="board__heading">
              {words.chatsHeading(board.chats.length)}
            </h2>
            <ChatsTable chats={board.chats} now={now} live={props.live} onObserved={props.onObserved} words={words} />
          </section>
        </>
      ) : null}
    </div>
  );
}
