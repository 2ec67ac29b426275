/**
 * The staff workspace's Excel export (ADR 0017): the tables a dashboard shows, as one workbook with a sheet per
 * table. The tables are what the caller's own figures actions answered (shared shape, types/dashboard.ts): this
 * formats them and reads nothing. exceljs is loaded only here.
 */
import type { z } from 'zod';
import type { exportTablesInput } from '../../../types/dashboard';
import type { MemberContext } from '../../core/context';

export async function exportTables(ctx: MemberContext, input: z.output<typeof exportTablesInput>) {
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  wb.creator = '劳模工匠之家';
  wb.created = ctx.now;
  let rows = 0;
  const used = new Set<string>();
  input.tables.forEach((t, i) => {
    let name = t.title.replace(/[\\/?*[\]:]/g, ' ').slice(0, 28) || `表${i + 1}`;
    while (used.has(name)) name = `${name.slice(0, 26)}${i + 1}`;
    used.add(name);
    const ws = wb.addWorksheet(name);
    ws.addRow([t.title]).font = { bold: true, size: 14 };
    ws.addRow([t.note]);
    ws.addRow([]);
    const header = ws.addRow([t.rowLabel, ...t.columns.map((c) => (t.unit ? `${c}（${t.unit}）` : c))]);
    header.font = { bold: true };
    for (const r of t.rows) ws.addRow([r.label, ...r.values]);
    rows += t.rows.length;
    ws.getColumn(1).width = 36;
    for (let c = 2; c <= t.columns.length + 1; c++) ws.getColumn(c).width = 14;
    ws.views = [{ state: 'frozen', ySplit: 4 }];
  });
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const safe = input.title.replace(/[\\/:*?"<>|\s]+/g, '');
  return { fileName: `${safe}.xlsx`, contentBase64: buffer.toString('base64'), rows };
}
