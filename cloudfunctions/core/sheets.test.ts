/** Spreadsheets in and out (core/sheets.ts), and the features' sheets through their actions on the demo data. */
import { AppError } from './errors';
import { readSheet, sheetFile, zipUnpackedSize } from './sheets';
import type { HandlerContext } from './context';
import { createTestEnv, makeTestIdNumber, type TestEnv } from '../testing/harness';

const LIMITS = {
  maxRows: 3,
  maxUnpackedBytes: 1024 * 1024,
  unreadable: () => new AppError('validation', '无法读取'),
  tooMany: () => new AppError('validation', '太多'),
};
const ctx = { now: new Date('2026-06-01T02:00:00Z') } as HandlerContext;

describe('core/sheets', () => {
  it('writes a sheet that reads back as text, header first, footer after a blank line', async () => {
    const id = makeTestIdNumber(1, 1960);
    const file = await sheetFile(ctx, {
      fileName: 'x.xlsx', sheetName: '名单',
      columns: [{ header: '姓名', key: 'name', width: 10 }, { header: '身份证号', key: 'id', width: 20 }],
      rows: [{ name: '王阿明', id }],
      footer: [{ name: '导出时间' }],
    });
    expect(file.rows).toBe(1);
    const rows = await readSheet('x.xlsx', Buffer.from(file.contentBase64, 'base64'), LIMITS);
    expect(rows).toEqual([['姓名', '身份证号'], ['王阿明', id], [], ['导出时间']]);
  });

  it('keeps 18-digit numbers in a CSV as text and drops the BOM', async () => {
    const rows = await readSheet('a.csv', Buffer.from('\uFEFF姓名,身份证号\n李四,330402196001010015\n'), LIMITS);
    expect(rows).toEqual([['姓名', '身份证号'], ['李四', '330402196001010015']]);
  });

  it('refuses what is not a sheet, too many rows, and a zip that unpacks too large — before unpacking', async () => {
    await expect(readSheet('a.xlsx', Buffer.from('not a zip'), LIMITS)).rejects.toThrow('无法读取');
    await expect(readSheet('a.csv', Buffer.from('h\n1\n2\n3\n4\n'), LIMITS)).rejects.toThrow('太多');
    const big = await sheetFile(ctx, { fileName: 'b.xlsx', sheetName: 's', columns: [{ header: 'h', key: 'h', width: 4 }], rows: Array.from({ length: 2000 }, (_, i) => ({ h: `第${i}行的一些文字`.repeat(20) })) });
    const zip = Buffer.from(big.contentBase64, 'base64');
    expect(zipUnpackedSize(zip)).toBeGreaterThan(LIMITS.maxUnpackedBytes);
    await expect(readSheet('b.xlsx', zip, LIMITS)).rejects.toThrow('表格内容太大');
  });
});

describe('the features’ sheets', () => {
  let env: TestEnv;
  beforeAll(async () => {
    env = await createTestEnv();
  });

  it('hardship: a dispatch list is read row by row, each with its union or its problem', async () => {
    const csv = `姓名,身份证号,手机号,基层工会,下派原因\n陆阿公,${makeTestIdNumber(7101, 1955)},13800000001,嘉善东云果蔬专业合作社工会,独居老人，收入低\n无名,123,,不存在的工会,原因\n`;
    const r = await env.ok<{ rows: { line: number; orgName: string; problem: string | null }[] }>('hardship', 'parseDispatchList', { fileName: '下派名单.csv', contentBase64: Buffer.from(csv).toString('base64') }, { as: 'demo-staff-county' });
    expect(r.rows).toHaveLength(2);
    expect(r.rows[0]).toMatchObject({ line: 2, orgName: '嘉善东云果蔬专业合作社工会', problem: null });
    expect(r.rows[1].problem).toEqual(expect.any(String));
  });

  it('hardship: the payment list for the finance office lists the cases to pay', async () => {
    const r = await env.ok<{ fileName: string; contentBase64: string; rows: number }>('hardship', 'paymentList', {}, { as: 'demo-admin' });
    const rows = await readSheet(r.fileName, Buffer.from(r.contentBase64, 'base64'), { ...LIMITS, maxRows: 1000 });
    expect(rows[0].slice(0, 3)).toEqual(['序号', '申请编号', '姓名']);
    expect(rows.length - 1).toBe(r.rows);
  });
});
