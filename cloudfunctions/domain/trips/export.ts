/** The roster of a session as an Excel workbook (base64), for staff of the organising subtree only. */
import ExcelJS from 'exceljs';
import type { HandlerContext } from '../../core/wrapper';
import { roster } from './manage';
import { formatLocal } from './rules';

export async function exportRoster(ctx: HandlerContext, sessionId: string) {
  const r = await roster(ctx, sessionId);
  const wb = new ExcelJS.Workbook();
  wb.creator = '劳模工匠之家';
  wb.created = ctx.now;
  const ws = wb.addWorksheet('名单');
  ws.columns = [
    { header: '序号', key: 'n', width: 6 },
    { header: '姓名', key: 'name', width: 10 },
    { header: '手机号', key: 'phone', width: 14 },
    { header: '所在工会', key: 'orgName', width: 28 },
    { header: '出生年份', key: 'birthYear', width: 9 },
    { header: '紧急联系人', key: 'emergencyName', width: 10 },
    { header: '紧急联系电话', key: 'emergencyPhone', width: 14 },
    { header: '关系', key: 'emergencyRelation', width: 8 },
    { header: '健康情况', key: 'healthNotes', width: 24 },
    { header: '状态', key: 'statusText', width: 18 },
    { header: '候补号', key: 'waitNo', width: 8 },
    { header: '抽签名次', key: 'drawRank', width: 8 },
    { header: '报名时间', key: 'signedUpAt', width: 18 },
    { header: '签到时间', key: 'checkedInAt', width: 18 },
  ];
  r.rows.forEach((row, i) =>
    ws.addRow({
      ...row,
      n: i + 1,
      waitNo: row.waitNo ?? '',
      drawRank: row.drawRank ?? '',
      signedUpAt: formatLocal(row.signedUpAt),
      checkedInAt: row.checkedInAt ? formatLocal(row.checkedInAt) : '',
    }),
  );
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  const safeTitle = r.tripTitle.replace(/[\\/:*?"<>|\s]+/g, '');
  return {
    fileName: `${safeTitle}-${r.session.label}-${r.session.departDate}-名单.xlsx`,
    contentBase64: buffer.toString('base64'),
    rows: r.rows.length,
  };
}
