import type { FigureTable } from '../../../types/dashboard';
import { chartData, chartOptions, chartSummary, hasData } from './chart-options';

const table = (over: Partial<FigureTable> = {}): FigureTable => ({
  key: 't', title: '每月发卡', note: '', rowLabel: '月份', columns: ['发卡张数'], unit: '张', chart: 'column',
  rows: [{ label: '2026年5月', values: [1] }, { label: '2026年6月', values: [3] }], ...over,
});

describe('charts from figure tables', () => {
  it('columns: one series per value column, the rows as categories (the year dropped from month labels)', () => {
    expect(chartData(table())).toEqual({ type: 'column', categories: ['5月', '6月'], series: [{ name: '发卡张数', data: [1, 3] }] });
  });
  it('pie: the rows as slices', () => {
    expect(chartData(table({ chart: 'pie' }))!.series[0].data).toEqual([{ name: '2026年5月', value: 1 }, { name: '2026年6月', value: 3 }]);
  });
  it('nothing to draw when every value is zero; the label says so', () => {
    const empty = table({ rows: [{ label: '2026年5月', values: [0] }] });
    expect(hasData(empty)).toBe(false);
    expect(chartData(empty)).toBeNull();
    expect(chartSummary(empty)).toBe('每月发卡：暂无数据');
  });
  it('names the chart for screen readers: kind, title, size and the largest item', () => {
    expect(chartSummary(table())).toBe('柱状图：每月发卡，2 项，最多的是2026年6月（发卡张数 3 张）。各项数字见下表。');
  });
  it('numbers on the bars only while they stay readable', () => {
    expect(chartOptions(table(), 600, 400, 2, 12).dataLabel).toBe(true);
    const many = table({ rows: Array.from({ length: 12 }, (_, i) => ({ label: `2026年${i + 1}月`, values: [i, i, i] })), columns: ['a', 'b', 'c'] });
    expect(chartOptions(many, 600, 400, 2, 12).dataLabel).toBe(false);
  });
});
