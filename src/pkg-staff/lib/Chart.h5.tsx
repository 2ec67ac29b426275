import { View } from '@tarojs/components';
import { useEffect, useRef } from 'react';
import UCharts from '@qiun/ucharts/u-charts.min.js';
import { a11y } from '../../lib/a11y';
import { chartData, chartOptions, chartSummary } from './chart-options';
import type { ChartProps } from './Chart';

export function Chart({ table, height = 260 }: ChartProps) {
  const ref = useRef<HTMLCanvasElement | null>(null);
  const data = chartData(table);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !data) return;
    // As wide as its card, however narrow (200 % zoom on a small phone leaves under 200 px).
    const width = Math.max(120, Math.floor(canvas.parentElement?.clientWidth ?? 320));
    const ratio = window.devicePixelRatio || 1;
    canvas.width = width * ratio;
    canvas.height = height * ratio;
    canvas.style.width = `${width}px`;
    canvas.style.height = `${height}px`;
    const context = canvas.getContext('2d');
    if (!context) return;
    const root = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
    new UCharts({ ...chartOptions(table, width * ratio, height * ratio, ratio, Math.max(12, root * 0.8)), context });
  }, [table, height, data]);
  if (!data) return <View className="chart chart--empty">暂无数据</View>;
  return (
    <View className="chart" {...a11y({ role: 'img', label: chartSummary(table) })} data-chart={table.key}>
      <canvas ref={ref} className="chart__canvas" aria-hidden="true" />
    </View>
  );
}
