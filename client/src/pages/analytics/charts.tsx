import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts';
import type { TimelineRow } from './analytics-data';

/** Charts are drawn once, without animation: nothing moves under the reader, and screenshots are stable. */
const STILL = { isAnimationActive: false } as const;
const AXIS_TICK = { fontSize: 12, fill: '#5b6577' };

interface Series {
  key: string;
  label: string;
  colour: string;
}

/** Counts per bucket as stacked bars, one colour per series. */
export function StackedTimelineChart({ rows, series, label }: { rows: TimelineRow[]; series: Series[]; label: string }) {
  return (
    <BarChart responsive data={rows} style={{ width: '100%', height: 260 }} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} aria-label={label} title={label}>
      <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#d9dee7" />
      <XAxis dataKey="label" tick={AXIS_TICK} tickLine={false} minTickGap={12} />
      <YAxis allowDecimals={false} tick={AXIS_TICK} tickLine={false} axisLine={false} width={44} />
      <Tooltip cursor={{ fill: 'rgb(36 86 214 / 8%)' }} />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {series.map((item) => (
        <Bar key={item.key} dataKey={item.key} name={item.label} stackId="counts" fill={item.colour} maxBarSize={48} {...STILL} />
      ))}
    </BarChart>
  );
}

interface HorizontalBarsProps {
  rows: ({ name: string } & Record<string, string | number>)[];
  bars: Series[];
  label: string;
}

/** One row per item (objection type, tag, talking point) with horizontal bars: long names stay readable at 400 px. */
/** Category labels longer than this are cut with an ellipsis (the full name is in the tooltip and the table). */
const MAX_LABEL_CHARS = 20;
const shortLabel = (label: string) => (label.length > MAX_LABEL_CHARS ? `${label.slice(0, MAX_LABEL_CHARS - 1)}…` : label);

export function HorizontalBarChart({ rows, bars, label }: HorizontalBarsProps) {
  const height = Math.max(120, rows.length * (bars.length > 1 ? 44 : 32) + 48);
  // Room for the longest (shortened) name at the axis' 12 px: about 7 px a character.
  const labelWidth = Math.min(150, Math.max(60, Math.max(...rows.map((row) => shortLabel(row.name).length)) * 7 + 12));
  return (
    <BarChart responsive layout="vertical" data={rows} style={{ width: '100%', height }} margin={{ top: 4, right: 16, bottom: 0, left: 0 }} aria-label={label} title={label}>
      <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="#d9dee7" />
      <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} tickLine={false} />
      <YAxis type="category" dataKey="name" tick={AXIS_TICK} tickLine={false} width={labelWidth} interval={0} tickFormatter={shortLabel} />
      <Tooltip cursor={{ fill: 'rgb(36 86 214 / 8%)' }} />
      {bars.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
      {bars.map((bar) => (
        <Bar key={bar.key} dataKey={bar.key} name={bar.label} fill={bar.colour} maxBarSize={18} {...STILL} />
      ))}
    </BarChart>
  );
}
