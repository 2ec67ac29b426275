/**
 * A figure table as a uCharts chart (categories and series), and the sentence that names the chart for screen
 * readers — the numbers themselves are always in the table beside it. Pure: unit-tested.
 */
import type { FigureTable } from '../../../types/dashboard';

/** Distinct, dark enough on white for lines and bars (≥ 3:1). */
export const PALETTE = ['#b3161c', '#1f5fa8', '#2e7d32', '#8a5a00', '#6a1b9a', '#00695c', '#5d4037', '#37474f'];

const KIND_WORDS: Record<FigureTable['chart'], string> = { column: '柱状图', bar: '条形图', line: '折线图', pie: '饼图', none: '表格' };

export interface ChartData {
  type: 'column' | 'bar' | 'line' | 'pie';
  categories: string[];
  series: { name: string; data: number[] | { name: string; value: number }[] }[];
}

export function hasData(t: FigureTable): boolean {
  return t.chart !== 'none' && t.rows.length > 0 && t.columns.length > 0 && t.rows.some((r) => r.values.some((v) => v > 0));
}

/** Long labels are cut for the axis (the table has them whole). */
const short = (s: string, n = 8) => (Array.from(s).length > n ? `${Array.from(s).slice(0, n - 1).join('')}…` : s);

export function chartData(t: FigureTable): ChartData | null {
  if (!hasData(t)) return null;
  if (t.chart === 'pie') {
    return { type: 'pie', categories: [], series: [{ name: t.columns[0], data: t.rows.map((r) => ({ name: r.label, value: r.values[0] ?? 0 })) }] };
  }
  return {
    type: t.chart === 'none' ? 'column' : t.chart,
    categories: t.rows.map((r) => short(r.label.replace(/^(\d{4})年/, ''))),
    series: t.columns.map((name, i) => ({ name, data: t.rows.map((r) => r.values[i] ?? 0) })),
  };
}

/** "柱状图：每月发卡，12 项，最多的是 2026年6月（发卡张数 3 张）。各项数字见下表。" */
export function chartSummary(t: FigureTable): string {
  if (!hasData(t)) return `${t.title}：暂无数据`;
  let best = { label: '', column: '', value: -1 };
  for (const r of t.rows) r.values.forEach((v, i) => {
    if (v > best.value) best = { label: r.label, column: t.columns[i], value: v };
  });
  const series = t.columns.length > 1 && t.chart !== 'pie' ? `，${t.columns.length} 组数据（${t.columns.join('、')}）` : '';
  return `${KIND_WORDS[t.chart]}：${t.title}，${t.rows.length} 项${series}，最多的是${best.label}（${best.column} ${best.value} ${t.unit}）。各项数字见下表。`;
}

/** uCharts options for a canvas of this size (pixels of the drawing buffer) on either platform. */
export function chartOptions(t: FigureTable, width: number, height: number, pixelRatio: number, fontSize: number) {
  const data = chartData(t)!;
  const fs = fontSize * pixelRatio;
  return {
    type: data.type,
    width,
    height,
    pixelRatio,
    categories: data.categories,
    series: data.series,
    animation: false,
    background: '#FFFFFF',
    color: PALETTE,
    fontSize: fs,
    fontColor: '#1a1a1a',
    padding: [15 * pixelRatio, 12 * pixelRatio, 6 * pixelRatio, 6 * pixelRatio],
    // Numbers on the bars only while they stay readable (the table has them all).
    dataLabel: data.type === 'pie' || data.categories.length * data.series.length <= 10,
    legend: { show: data.series.length > 1 || data.type === 'pie', fontSize: fs, fontColor: '#1a1a1a', lineHeight: fs * 1.4 },
    xAxis: { disableGrid: true, fontSize: fs, fontColor: '#1a1a1a', rotateLabel: data.categories.length > 5, rotateAngle: 40 },
    // Counts: whole numbers on the axis.
    yAxis: { data: [{ min: 0, tofix: 0, fontSize: fs, fontColor: '#1a1a1a' }], splitNumber: 4, gridColor: '#dddddd' },
    extra: {
      column: { type: 'group', width: Math.max(6, Math.min(24, 200 / Math.max(1, data.categories.length * data.series.length))) * pixelRatio },
      bar: { type: 'group', width: 14 * pixelRatio },
      line: { type: 'straight', width: 3 * pixelRatio },
      pie: { border: true, borderWidth: 2 * pixelRatio, borderColor: '#FFFFFF', labelWidth: 12 * pixelRatio },
    },
  };
}
