/**
 * Importing the honour registry from a CSV or Excel sheet. Every row is checked with the same schema as
 * the one-by-one form; if any row is wrong, nothing is written and every error is reported with its row.
 * Record ids are derived from (ID hash, title, year), so importing the same sheet again changes nothing.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { HONOUR_LEVELS, type HonourLevel } from '../../../types/account.schema';
import { honourInput } from '../../../types/staff.schema';
import { audit } from '../../core/audit';
import { AppError } from '../../core/errors';
import { isStoreError } from '../../core/store/port';
import type { HandlerContext } from '../../core/wrapper';
import { type HonourDoc, type HonourRecordInput, honourDocOf, suggestLinkForHonour } from '../account/honours';
import { registeringOrg } from './honours';

export const IMPORT_COLUMNS = {
  name: ['姓名'],
  idNumber: ['身份证号', '身份证号码', '公民身份号码'],
  title: ['荣誉称号', '荣誉', '称号'],
  level: ['级别', '荣誉级别'],
  year: ['年份', '授予年份', '获评年份'],
  awardingBody: ['授予单位', '授予机关', '表彰单位'],
} as const;

const LEVEL_WORDS: Record<string, HonourLevel> = {
  全国级: 'national', 国家级: 'national', 全国: 'national',
  省部级: 'provincial', 省级: 'provincial',
  市级: 'city', 地市级: 'city',
  县级: 'county', 区县级: 'county', 县区级: 'county',
};
const LEVEL_LABEL: Record<string, string> = { national: '全国级', provincial: '省部级', city: '市级', county: '县级' };

export interface RowError {
  row: number;
  field?: string;
  message: string;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
    if (v instanceof Date) return String(v.getFullYear());
  }
  return String(v).trim();
}

export async function readSheet(fileName: string, content: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (/\.csv$/i.test(fileName)) {
      const text = content.toString('utf8').replace(/^\uFEFF/, '');
      // Keep every cell as text: an 18-digit ID number read as a number loses its last digits.
      sheet = await wb.csv.read(Readable.from([text]), { map: (value: string) => value } as Parameters<typeof wb.csv.read>[1]);
    } else {
      await wb.xlsx.load(content as unknown as ArrayBuffer);
      sheet = wb.worksheets[0];
    }
  } catch {
    throw new AppError('validation', '无法读取文件，请确认是 CSV 或 Excel（.xlsx）表格');
  }
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, n) => {
    const values = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
    rows[n - 1] = values;
  });
  return Array.from(rows, (r) => r ?? []);
}

export function parseHonourRows(rows: string[][]): { records: { row: number; input: HonourRecordInput }[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const records: { row: number; input: HonourRecordInput }[] = [];
  const header = (rows[0] ?? []).map((h) => h.trim());
  const columnOf: Partial<Record<keyof typeof IMPORT_COLUMNS, number>> = {};
  for (const [field, names] of Object.entries(IMPORT_COLUMNS) as [keyof typeof IMPORT_COLUMNS, readonly string[]][]) {
    const idx = header.findIndex((h) => names.includes(h));
    if (idx < 0) errors.push({ row: 1, field, message: `缺少“${names[0]}”列` });
    else columnOf[field] = idx;
  }
  if (errors.length > 0) return { records, errors };
  const seen = new Map<string, number>();
  rows.slice(1).forEach((cells, i) => {
    const rowNo = i + 2;
    if (cells.every((c) => !c)) return;
    const get = (f: keyof typeof IMPORT_COLUMNS) => (cells[columnOf[f]!] ?? '').trim();
    const levelWord = get('level');
    const candidate = {
      name: get('name'),
      idNumber: get('idNumber'),
      title: get('title'),
      level: LEVEL_WORDS[levelWord] ?? (HONOUR_LEVELS as readonly string[]).find((l) => l === levelWord) ?? levelWord,
      year: /^\d{4}$/.test(get('year')) ? Number(get('year')) : get('year'),
      awardingBody: get('awardingBody'),
    };
    const parsed = honourInput.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        const message = field === 'level' ? `级别应为 ${Object.values(LEVEL_LABEL).join('、')} 之一` : issue.message;
        errors.push({ row: rowNo, field, message });
      }
      return;
    }
    const key = `${parsed.data.idNumber}|${parsed.data.title}|${parsed.data.year}`;
    if (seen.has(key)) {
      errors.push({ row: rowNo, message: `与第 ${seen.get(key)} 行重复` });
      return;
    }
    seen.set(key, rowNo);
    records.push({ row: rowNo, input: parsed.data });
  });
  if (records.length === 0 && errors.length === 0) errors.push({ row: 2, message: '表格中没有数据行' });
  return { records, errors };
}

export async function importHonours(ctx: HandlerContext, input: { fileName: string; contentBase64: string; commit: boolean }) {
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw new AppError('validation', '文件是空的', [{ path: ['contentBase64'], message: '文件是空的' }]);
  const rows = await readSheet(input.fileName, content);
  if (rows.length > 5001) throw new AppError('validation', '一次最多导入 5000 行，请分批导入');
  const { records, errors } = parseHonourRows(rows);
  const org = await registeringOrg(ctx);
  const at = ctx.now.toISOString();
  const docs: HonourDoc[] = records.map((r) => honourDocOf(ctx.runtime.secrets.idHashKey, r.input, org, at));
  const existing = new Set<string>();
  for (const d of docs) if (await ctx.store.get('honours', d._id)) existing.add(d._id);
  const result = { rows: records.length + new Set(errors.map((e) => e.row)).size, errors, created: 0, unchanged: existing.size, committed: false };
  if (errors.length > 0 || !input.commit) return { ...result, created: docs.length - existing.size };
  for (const d of docs) {
    if (existing.has(d._id)) continue;
    try {
      await ctx.store.insert('honours', d);
      result.created++;
      await suggestLinkForHonour(ctx, d);
    } catch (e) {
      if (isStoreError(e, 'duplicate')) result.unchanged++;
      else throw e;
    }
  }
  await audit(ctx, {
    targetType: 'honour_import',
    targetId: org._id,
    summary: `批量导入荣誉：新增 ${result.created} 条，已存在 ${result.unchanged} 条`,
    changes: { fileName: input.fileName },
  });
  return { ...result, committed: true };
}
