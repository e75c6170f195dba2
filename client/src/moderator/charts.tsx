// Small inline-SVG charts (no library): vertical bars, lines with gaps, horizontal bars. Sized by SVG attributes, so CSP-safe.
import { useId } from 'react';

const W = 480;
const H = 190;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

export interface Point {
  label: string;
  /** Short tick label; empty for no tick. */
  tick: string;
  value: number | null;
}

function niceMax(max: number): number {
  if (max <= 4) return 4;
  const step = 10 ** Math.floor(Math.log10(max));
  return Math.ceil(max / step) * step;
}

function Axes(props: { max: number; format: (n: number) => string; ticks: { x: number; text: string }[] }) {
  const innerH = H - PAD.top - PAD.bottom;
  return (
    <g className="chart__axes" aria-hidden="true">
      {[0, 0.5, 1].map((f) => {
        const y = PAD.top + innerH * (1 - f);
        return (
          <g key={f}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y} y2={y} className="chart__grid" />
            <text x={PAD.left - 6} y={y + 4} textAnchor="end" className="chart__label">
              {props.format(props.max * f)}
            </text>
          </g>
        );
      })}
      {props.ticks.map((tk) => (
        // A tick near the right edge is right-aligned so that it is never cut off.
        <text key={`${tk.x}-${tk.text}`} x={tk.x > W - 50 ? W - 2 : tk.x} y={H - 8} textAnchor={tk.x > W - 50 ? 'end' : 'middle'} className="chart__label">
          {tk.text}
        </text>
      ))}
    </g>
  );
}

export function BarChart(props: { title: string; desc: string; points: Point[]; format?: (n: number) => string; highlightLast?: boolean }) {
  const id = useId();
  const format = props.format ?? ((n: number) => String(Math.round(n)));
  const max = niceMax(Math.max(0, ...props.points.map((p) => p.value ?? 0)));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, props.points.length);
  const barW = Math.max(2, slot * 0.7);
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{props.title}</title>
      <desc id={`${id}-d`}>{props.desc}</desc>
      <Axes max={max} format={format} ticks={props.points.map((p, i) => ({ x: PAD.left + slot * i + slot / 2, text: p.tick })).filter((t) => t.text)} />
      {props.points.map((p, i) => {
        const h = ((p.value ?? 0) / max) * innerH;
        const last = props.highlightLast && i === props.points.length - 1;
        return (
          <rect
            key={p.label}
            x={PAD.left + slot * i + (slot - barW) / 2}
            y={PAD.top + innerH - h}
            width={barW}
            height={Math.max(h, p.value ? 1 : 0)}
            rx={2}
            className={last ? 'chart__bar chart__bar--now' : 'chart__bar'}
          >
            <title>{`${p.label}: ${format(p.value ?? 0)}`}</title>
          </rect>
        );
      })}
    </svg>
  );
}

export interface Series {
  name: string;
  className: string;
  values: (number | null)[];
}

/** Lines over shared x positions; a null breaks the line (no data that hour). */
export function LineChart(props: { title: string; desc: string; ticks: string[]; labels: string[]; series: Series[]; format: (n: number) => string }) {
  const id = useId();
  const all = props.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = niceMax(Math.max(0, ...all));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const n = props.labels.length;
  const slot = innerW / Math.max(1, n);
  const x = (i: number) => PAD.left + slot * i + slot / 2;
  const y = (v: number) => PAD.top + innerH - (v / max) * innerH;
  return (
    <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-labelledby={`${id}-t ${id}-d`}>
      <title id={`${id}-t`}>{props.title}</title>
      <desc id={`${id}-d`}>{props.desc}</desc>
      <Axes max={max} format={props.format} ticks={props.ticks.map((text, i) => ({ x: x(i), text })).filter((t) => t.text)} />
      {props.series.map((s) => {
        const segments: string[] = [];
        let current = '';
        s.values.forEach((v, i) => {
          if (v === null) {
            if (current) segments.push(current);
            current = '';
          } else current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
        });
        if (current) segments.push(current);
        return (
          <g key={s.name} className={s.className}>
            {segments.map((d) => (
              <path key={d} d={d} className="chart__line" />
            ))}
            {s.values.map((v, i) =>
              v === null ? null : (
                <circle key={props.labels[i]} cx={x(i)} cy={y(v)} r={3.5} className="chart__dot">
                  <title>{`${s.name}, ${props.labels[i]}: ${props.format(v)}`}</title>
                </circle>
              ),
            )}
          </g>
        );
      })}
    </svg>
  );
}

export interface HBar {
  label: string;
  value: number;
  /** Part of the value drawn darker (e.g. still open). */
  part: number;
  note: string;
}

/** Horizontal bars as a list: the words stay HTML (readable at any width), each bar is an SVG sized in percent. */
export function HBarList(props: { label: string; bars: HBar[] }) {
  const max = Math.max(1, ...props.bars.map((b) => b.value));
  const pct = (n: number) => `${((n / max) * 100).toFixed(1)}%`;
  return (
    <ul className="hbars" aria-label={props.label}>
      {props.bars.map((b) => (
        <li key={b.label} className="hbars__row">
          <span className="hbars__label">{b.label}</span>
          <svg className="hbars__bar" width="100%" height="18" aria-hidden="true">
            <rect x="0" y="0" width={pct(b.value)} height="18" rx="3" className="chart__bar" />
            {b.part > 0 ? <rect x="0" y="0" width={pct(b.part)} height="18" rx="3" className="chart__bar chart__bar--part" /> : null}
          </svg>
          <span className="hbars__value">{`${b.value}${b.note ? ` (${b.note})` : ''}`}</span>
        </li>
      ))}
    </ul>
  );
}
