// One language's coming week as an SVG grid (a row per day, a cell per hour): gaps stand out, covered hours stay quiet.
import type { CoverageGap } from '@beside/shared';
import { formatShortDay } from './format';

const HOUR_MS = 3600_000;
const CELL_W = 24;
const CELL_H = 22;
const LABEL_W = 64;
const HEAD_H = 22;

function startOfLocalDay(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

export function CoverageChart(props: { from: string; to: string; gaps: CoverageGap[]; label: string }) {
  const from = Date.parse(props.from);
  const to = Date.parse(props.to);
  const firstDay = startOfLocalDay(from);
  const days: number[] = [];
  for (let d = firstDay; d < to; ) {
    days.push(d);
    const next = new Date(d);
    next.setDate(next.getDate() + 1);
    d = next.getTime();
  }
  const inGap = (t: number) => props.gaps.some((g) => t >= Date.parse(g.startsAt) && t < Date.parse(g.endsAt));
  const width = LABEL_W + 24 * CELL_W;
  const height = HEAD_H + days.length * CELL_H;

  return (
    <svg className="coverage-chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={props.label} preserveAspectRatio="xMinYMin meet">
      {[0, 6, 12, 18].map((h) => (
        <text key={h} x={LABEL_W + h * CELL_W + 2} y={HEAD_H - 7} className="coverage-chart__tick">
          {String(h).padStart(2, '0')}:00
        </text>
      ))}
      {days.map((day, row) => (
        <g key={day}>
          <text x={0} y={HEAD_H + row * CELL_H + CELL_H - 7} className="coverage-chart__day">
            {formatShortDay(new Date(day).toISOString())}
          </text>
          {Array.from({ length: 24 }, (_, hour) => {
            const at = new Date(day);
            at.setHours(hour);
            const t = at.getTime();
            const outside = t + HOUR_MS <= from || t >= to;
            const state = outside ? 'outside' : inGap(t) ? 'gap' : 'covered';
            return (
              <rect
                key={hour}
                x={LABEL_W + hour * CELL_W + 1}
                y={HEAD_H + row * CELL_H + 1}
                width={CELL_W - 2}
                height={CELL_H - 2}
                rx={3}
                className={`coverage-chart__cell coverage-chart__cell--${state}`}
              />
            );
          })}
        </g>
      ))}
    </svg>
  );
}
