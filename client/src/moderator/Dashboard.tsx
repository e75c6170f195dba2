// The dashboard: queue and waits by hour, chats per day, coverage gaps, who left unanswered, the survey and flags by reason, each with a one-line summary.
import { useCallback, useEffect, useState } from 'react';
import type { DashboardResponse } from '@beside/shared';
import { useModT } from '../i18n/moderator';
import { useOnCallT } from '../i18n/oncall';
import { useStaffT } from '../i18n/staff';
import { toApiError } from '../ui/api';
import { BarChart, HBarList, LineChart } from './charts';
import { CoverageChart } from './CoverageChart';
import { formatTime, modApi } from './modApi';

const hourFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

export function Dashboard(props: { token: string }) {
  const t = useModT();
  const w = useOnCallT();
  const ts = useStaffT();
  const d = t.dashboard;
  const [data, setData] = useState<DashboardResponse>();
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    setError(undefined);
    modApi.dashboard(props.token).then(setData, (e: unknown) => setError(toApiError(e).message));
  }, [props.token]);
  useEffect(() => load(), [load]);

  if (error) {
    return (
      <p className="card card--error" role="alert">
        {error}
      </p>
    );
  }
  if (!data) return <p className="hint">{t.review.loading}</p>;

  const hours = data.queue.hours;
  const hourTicks = hours.map((h, i) => ((hours.length - 1 - i) % 6 === 0 ? hourFormat.format(new Date(h.hour)) : ''));
  const hourLabels = hours.map((h) => formatTime(h.hour));
  const peak = Math.max(0, ...hours.map((h) => h.peakWaiting));
  const lastWithWaits = [...hours].reverse().find((h) => h.waitP50Seconds !== null);
  const days = data.chatsPerDay.days;
  const totalChats = days.reduce((sum, day) => sum + day.chats, 0);
  const busiest = days.reduce((best, day) => (day.chats > best.chats ? day : best), days[0] ?? { date: '', chats: 0 });
  const supervisorHours = data.coverage.supervisors?.uncoveredHours ?? 0;
  const gapsLine = [
    ...data.coverage.languages.map((l) => `${ts.languages[l.language]} ${l.uncoveredHours} h`),
    `${w.supervisorRow} ${supervisorHours} h`,
  ].join(', ');
  const anyGap = data.coverage.languages.some((l) => l.uncoveredHours > 0) || supervisorHours > 0;
  const reasons = [...data.flagsByReason.reasons].sort((a, b) => b.count - a.count);

  return (
    <div className="dashboard">
      <div className="mod-toolbar">
        <p className="hint">{d.updated(formatTime(data.generatedAt))}</p>
        <button type="button" className="button button--ghost button--small" onClick={load}>
          {d.refresh}
        </button>
      </div>
      <div className="dashboard__grid">
        <figure className="card chart-card">
          <figcaption>
            <h2>{d.queueTitle}</h2>
            <p className="hint">{`${d.queueDesc} ${peak}.`}</p>
          </figcaption>
          <BarChart
            title={d.queueTitle}
            desc={`${d.queueDesc} ${peak}.`}
            points={hours.map((h, i) => ({ label: hourLabels[i] ?? '', tick: hourTicks[i] ?? '', value: h.peakWaiting }))}
            highlightLast
          />
        </figure>
        <figure className="card chart-card">
          <figcaption>
            <h2>{d.waitsTitle}</h2>
            <p className="hint">
              {lastWithWaits ? d.waitsDesc(d.seconds(lastWithWaits.waitP50Seconds ?? 0), d.seconds(lastWithWaits.waitP90Seconds ?? 0)) : d.noData}
            </p>
          </figcaption>
          <LineChart
            title={d.waitsTitle}
            desc={lastWithWaits ? d.waitsDesc(d.seconds(lastWithWaits.waitP50Seconds ?? 0), d.seconds(lastWithWaits.waitP90Seconds ?? 0)) : d.noData}
            ticks={hourTicks}
            labels={hourLabels}
            format={d.seconds}
            series={[
              { name: d.p90, className: 'series series--p90', values: hours.map((h) => h.waitP90Seconds) },
              { name: d.p50, className: 'series series--p50', values: hours.map((h) => h.waitP50Seconds) },
            ]}
          />
          <p className="chart-legend" aria-hidden="true">
            <span className="legend legend--p50">{d.p50}</span>
            <span className="legend legend--p90">{d.p90}</span>
          </p>
        </figure>
        <figure className="card chart-card">
          <figcaption>
            <h2>{d.chatsTitle}</h2>
            <p className="hint">{d.chatsDesc(totalChats, busiest.date ? dayFormat.format(new Date(busiest.date)) : '—')}</p>
          </figcaption>
          <BarChart
            title={d.chatsTitle}
            desc={d.chatsDesc(totalChats, busiest.date ? dayFormat.format(new Date(busiest.date)) : '—')}
            points={days.map((day, i) => ({
              label: dayFormat.format(new Date(day.date)),
              tick: (days.length - 1 - i) % 3 === 0 ? dayFormat.format(new Date(day.date)) : '',
              value: day.chats,
            }))}
            highlightLast
          />
        </figure>
        <figure className="card chart-card">
          <figcaption>
            <h2>{d.coverageTitle}</h2>
            <p className="hint">{anyGap ? d.coverageDesc(gapsLine) : d.coverageNone}</p>
          </figcaption>
          <CoverageChart
            title={d.coverageTitle}
            desc={anyGap ? d.coverageDesc(gapsLine) : d.coverageNone}
            coverage={data.coverage}
            languageName={(code) => ts.languages[code as keyof typeof ts.languages] ?? code}
            legend={{ covered: d.covered, uncovered: d.uncovered }}
            supervisorLabel={w.supervisorRow}
          />
          <p className="chart-legend" aria-hidden="true">
            <span className="legend legend--ok">{d.covered}</span>
            <span className="legend legend--gap">{d.uncovered}</span>
          </p>
        </figure>
        <LeftUnansweredCard data={data.leftBeforeAnswer} />
        <SurveyCard data={data.surveys} />
        <figure className="card chart-card chart-card--wide">
          <figcaption>
            <h2>{d.flagsTitle}</h2>
            <p className="hint">{data.flagsByReason.total > 0 ? d.flagsDesc(data.flagsByReason.total) : d.flagsNone}</p>
          </figcaption>
          {reasons.length > 0 ? (
            <HBarList
              label={d.flagsTitle}
              bars={reasons.map((r) => ({ label: t.reasons[r.reason], value: r.count, part: r.open, note: r.open ? d.openOf(r.open) : '' }))}
            />
          ) : null}
        </figure>
      </div>
    </div>
  );
}

/** Survivors who reached out and left before anyone answered: in the queue, or in a chat nobody had written in. */
function LeftUnansweredCard(props: { data: DashboardResponse['leftBeforeAnswer'] }) {
  const d = useModT().readable.dashboard;
  const { inQueue, inChat } = props.data;
  return (
    <figure className="card chart-card">
      <figcaption>
        <h2>{d.leftTitle}</h2>
        <p className={inQueue + inChat > 0 ? 'dashboard__big dashboard__big--alert' : 'dashboard__big'}>{d.leftTotal(inQueue + inChat)}</p>
      </figcaption>
      <HBarList
        label={d.leftTitle}
        bars={[
          { label: d.leftInQueue, value: inQueue, part: 0, note: '' },
          { label: d.leftInChat, value: inChat, part: 0, note: '' },
        ]}
      />
      <p className="hint">{d.leftHint}</p>
    </figure>
  );
}

/** The survivors' answers to the two closed questions, in aggregate only. */
function SurveyCard(props: { data: DashboardResponse['surveys'] }) {
  const d = useModT().readable.dashboard;
  const s = props.data;
  return (
    <figure className="card chart-card">
      <figcaption>
        <h2>{d.surveysTitle}</h2>
        <p className="hint">
          {s.responses === 0
            ? d.surveysNone
            : s.feltHeardAverage !== null
              ? `${d.feltHeard} ${d.feltHeardAverage(s.feltHeardAverage.toFixed(1), s.feltHeard.reduce((a, b) => a + b, 0))}`
              : d.responses(s.responses)}
        </p>
      </figcaption>
      {s.responses > 0 ? (
        <>
          <p className="dashboard__subhead">{d.feltHeard}</p>
          <HBarList label={d.feltHeard} bars={s.feltHeard.map((n, i) => ({ label: `${i + 1} · ${d.scale[i] ?? ''}`, value: n, part: 0, note: '' }))} />
          <p className="dashboard__subhead">{d.reachAgain}</p>
          <HBarList
            label={d.reachAgain}
            bars={(['yes', 'unsure', 'no'] as const).map((k) => ({ label: d.reachAgainOptions[k], value: s.reachAgain[k], part: 0, note: '' }))}
          />
        </>
      ) : null}
    </figure>
  );
}
