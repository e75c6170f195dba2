// Coverage gaps for the coming week: one timeline per language, uncovered hours drawn as blocks, day boundaries marked.
import { useId } from 'react';
import type { CoverageResponse } from '@beside/shared';

const W = 480;
const LABEL_W = 80;
const ROW_H = 34;
const HOUR_MS = 3_600_000;
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short' });

/** The supervisors' row sits under the languages' (key `supervisors`), named by `supervisorLabel`. */
export function CoverageChart(props: {
  title: string;
  desc: string;
  coverage: CoverageResponse;
  languageName: (code: string) => string;
  legend: { covered: string; uncovered: string };
  supervisorLabel?: string;
}) {
  const id = useId();
  const from = new Date(props.coverage.from).getTime();
  const to = new Date(props.coverage.to).getTime();
  const span = Math.max(HOUR_MS, to - from);
  const innerW = W - LABEL_W - 8;
  const x = (t: number) => LABEL_W + ((Math.min(Math.max(t, from), to) - from) / span) * innerW;
  const rowName = (key: string) => (key === 'supervisors' ? (props.supervisorLabel ?? key) : props.languageName(key));
  const rows = [
    ...props.coverage.languages.map((l) => ({ key: l.language as string, gaps: l.gaps })),
    ...(props.coverage.supervisors ? [{ key: 'supervisors', gaps: props.coverage.supervisors.gaps }] : []),
  ];
  const height = rows.length * ROW_H + 28;
  const days: number[] = [];
  const firstMidnight = new Date(from);
  firstMidnight.setHours(24, 0, 0, 0);
  for (let t = firstMidnight.getTime(); t < to; t += 24 * HOUR_MS) days.push(t);

  return (
    <svg viewBox={`0 0 ${W} ${height}`} className="chart chart--coverage" role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{props.title}</title>
      <desc id={`${id}-d`}>{props.desc}</desc>
      {rows.map((row, i) => {
        const y = i * ROW_H + 4;
        return (
          <g key={row.key}>
            <text x={LABEL_W - 8} y={y + 19} textAnchor="end" className="chart__label chart__label--row">
              {rowName(row.key)}
            </text>
            <rect x={LABEL_W} y={y + 4} width={innerW} height={ROW_H - 12} rx={3} className="coverage__ok">
              <title>{props.legend.covered}</title>
            </rect>
            {row.gaps.map((g) => {
              const gx = x(new Date(g.startsAt).getTime());
              const gw = Math.max(1.5, x(new Date(g.endsAt).getTime()) - gx);
              return (
                <rect key={g.startsAt} x={gx} y={y + 4} width={gw} height={ROW_H - 12} className="coverage__gap">
                  <title>{`${rowName(row.key)}: ${props.legend.uncovered} ${new Date(g.startsAt).toLocaleString()} – ${new Date(g.endsAt).toLocaleString()}`}</title>
                </rect>
              );
            })}
          </g>
        );
      })}
      <g aria-hidden="true">
        {days.map((d) => (
          <g key={d}>
            <line x1={x(d)} x2={x(d)} y1={2} y2={rows.length * ROW_H + 2} className="chart__grid chart__grid--day" />
            {x(d) < W - 40 ? (
              <text x={x(d) + 3} y={height - 8} className="chart__label">
                {dayFormat.format(new Date(d))}
              </text>
            ) : null}
          </g>
        ))}
      </g>
    </svg>
  );
}
