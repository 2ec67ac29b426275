/**
 * One figure table: its chart (labelled), the numbers as a table (every number as text, so nothing depends on
 * seeing the chart), how it was counted, and an Excel export of the table.
 */
import { View } from '@tarojs/components';
import type { FigureTable } from '../../../types/dashboard';
import { call } from '../../services/cloud';
import { useMutation } from '../../lib/useMutation';
import { a11y } from '../../lib/a11y';
import { toast } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { FormError } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { Chart } from './Chart';
import { saveBase64File } from '../../lib/save-file';

export const tableForExport = (t: FigureTable) => ({ title: t.title, rowLabel: t.rowLabel, columns: t.columns, rows: t.rows, unit: t.unit, note: t.note });

export function NumberTable({ table }: { table: FigureTable }) {
  return (
    <View className="figure__table" {...a11y({ role: 'table', label: `${table.title}（单位：${table.unit}）` })}>
      <View className="figure__row figure__row--head" {...a11y({ role: 'row' })}>
        <View className="figure__cell figure__cell--label" {...a11y({ role: 'columnheader' })}>{table.rowLabel}</View>
        {table.columns.map((c) => (
          <View key={c} className="figure__cell" {...a11y({ role: 'columnheader' })}>{c}</View>
        ))}
      </View>
      {table.rows.length === 0 ? <View className="figure__none">暂无数据</View> : null}
      {table.rows.map((r) => (
        <View key={r.label} className="figure__row" {...a11y({ role: 'row' })}>
          <View className="figure__cell figure__cell--label" {...a11y({ role: 'rowheader' })}>{r.label}</View>
          {r.values.map((v, i) => (
            <View key={table.columns[i] ?? i} className="figure__cell figure__cell--number" {...a11y({ role: 'cell' })}>{String(v)}</View>
          ))}
        </View>
      ))}
    </View>
  );
}

export function FigureCard({ table, orgName }: { table: FigureTable; orgName: string }) {
  const exporter = useMutation((input: { title: string }, requestId: string) =>
    call('staff', 'exportTables', { title: input.title, tables: [tableForExport(table)] }, { requestId }),
  );
  const exportIt = async () => {
    const r = await exporter.run({ title: `${orgName}-${table.title}` });
    if (!r?.ok) return;
    try {
      await saveBase64File(r.data.fileName, r.data.contentBase64);
      toast('已导出');
    } catch {
      toast('文件保存失败，请重试');
    }
  };
  return (
    <View className="figure" data-table={table.key}>
      <Heading level={3} className="figure__title">{table.title}</Heading>
      <Chart table={table} />
      <NumberTable table={table} />
      <View className="hint figure__note">{`${table.note}（单位：${table.unit}）`}</View>
      <FormError message={exporter.formError} />
      <View className="actions">
        <Button size="small" className="figure__export" label={`导出 Excel：${table.title}`} loading={exporter.busy} onClick={() => void exportIt()}>
          导出 Excel
        </Button>
      </View>
    </View>
  );
}
