import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useMemo } from 'react';
import UCharts from '@qiun/ucharts/u-charts.min.js';
import { a11y } from '../../lib/a11y';
import { chartData, chartOptions, chartSummary } from './chart-options';
import type { ChartProps } from './Chart';

let seq = 0;

interface CanvasNode {
  width: number;
  height: number;
  getContext: (kind: '2d') => unknown;
}

export function Chart({ table, height = 260 }: ChartProps) {
  const id = useMemo(() => `chart_${table.key}_${++seq}`, [table.key]);
  const data = chartData(table);
  useEffect(() => {
    if (!data) return;
    Taro.nextTick(() => {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((res: { node?: CanvasNode; width: number; height: number }[]) => {
          const r = res?.[0];
          if (!r?.node) return;
          const ratio = Taro.getSystemInfoSync().pixelRatio || 2;
          r.node.width = r.width * ratio;
          r.node.height = r.height * ratio;
          new UCharts({ ...chartOptions(table, r.width * ratio, r.height * ratio, ratio, 12), context: r.node.getContext('2d'), canvas2d: true, canvasId: id });
        });
    });
  }, [id, table, data]);
  if (!data) return <View className="chart chart--empty">暂无数据</View>;
  return (
    <View className="chart" {...a11y({ role: 'img', label: chartSummary(table) })}>
      <Canvas type="2d" id={id} className="chart__canvas" style={{ width: '100%', height: `${height}px` }} />
    </View>
  );
}
