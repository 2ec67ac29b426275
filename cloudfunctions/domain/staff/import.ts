/**
 * Importing the honour registry from a CSV or Excel sheet. Every row is checked with the same schema as
 * the one-by-one form; if any row is wrong, nothing is written and every error is reported with its row.
 * Record ids are derived from (ID hash, title, year), so importing the same sheet again changes nothing.
 */
import { createHash } from 'node:crypto';
import { HONOUR_LEVELS, type HonourLevel } from '../../../types/account.schema';
import { honourInput } from '../../../types/staff.schema';
import { auditEntry } from '../../core/audit';
import type { HandlerContext, MemberContext, Input } from '../../core/context';
import { AppError } from '../../core/errors';
import { readSheet as readRows } from '../../core/sheets';
import { isStoreError } from '../../core/store/port';
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


/** Data rows one import may carry (plus the header row). */
export const MAX_IMPORT_ROWS = 5000;
/** An .xlsx is a zip: what it may unpack to. A real 5,000-row sheet unpacks to about 2 MB. */
export const MAX_UNPACKED_BYTES = 20 * 1024 * 1024;

const tooMany = () => new AppError('validation', `一次最多导入 ${MAX_IMPORT_ROWS} 行，请分批导入`);


export function readSheet(fileName: string, content: Buffer): Promise<string[][]> {
  return readRows(fileName, content, {
    maxRows: MAX_IMPORT_ROWS,
    maxUnpackedBytes: MAX_UNPACKED_BYTES,
    unreadable: () => new AppError('validation', '无法读取文件，请确认是 CSV 或 Excel（.xlsx）表格'),
    tooMany,
    // A date typed into the year column is its year.
    dateText: (d) => String(d.getFullYear()),
  });
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

/**
 * Imports a sheet. Every record is inserted under its deterministic id and carries the batch's `importId`, so a call
 * that dies half-way is completed by its retry (inserted records count as unchanged) and the batch's one audit entry
 * (a deterministic id too) is written by whichever run finishes — or by `recoverImports`.
 */
export async function importHonours(ctx: MemberContext, input: Input<'staff', 'importHonours'>) {
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw new AppError('validation', '文件是空的', [{ path: ['contentBase64'], message: '文件是空的' }]);
  const rows = await readSheet(input.fileName, content);
  if (rows.length > MAX_IMPORT_ROWS + 1) throw tooMany();
  const { records, errors } = parseHonourRows(rows);
  const org = await registeringOrg(ctx);
  const at = ctx.now.toISOString();
  const importId = 'imp_' + createHash('sha256').update(org._id).update(content).digest('hex').slice(0, 20);
  const docs: HonourDoc[] = records.map((r) => ({ ...honourDocOf(ctx.runtime.secrets.idHashKey, r.input, org, at, ctx.caller.user._id), importId }));
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
  await auditImport(ctx, importId, org._id, input.fileName);
  return { ...result, committed: true };
}

/** The batch's audit entry, once: how many records the batch added in all. */
async function auditImport(ctx: HandlerContext, importId: string, orgId: string, fileName?: string): Promise<void> {
  const added = await ctx.store.count('honours', { importId });
  const entry = auditEntry(ctx, {
    action: 'staff.importHonours',
    targetType: 'honour_import',
    targetId: orgId,
    summary: `批量导入荣誉：新增 ${added} 条（批次 ${importId.slice(4, 12)}）`,
    changes: { importId, ...(fileName ? { fileName } : {}) },
  });
  try {
    await ctx.store.insert('audit', { ...entry, _id: `a_${importId}` });
  } catch (e) {
    if (!isStoreError(e, 'duplicate')) throw e;
  }
}

/** Recovery: batches of the last two days whose call died before writing their audit entry get it now. */
export async function recoverImports(ctx: HandlerContext): Promise<number> {
  const since = new Date(ctx.now.getTime() - 2 * 86_400_000).toISOString();
  const recent = await ctx.store.find<HonourDoc>('honours', { importId: { $exists: true }, createdAt: { $gte: since } }, { limit: 1000, projection: { importId: 1, orgId: 1 } });
  const batches = new Map<string, string>();
  for (const h of recent) if (h.importId) batches.set(h.importId, h.orgId);
  let written = 0;
  for (const [importId, orgId] of batches) {
    if (await ctx.store.get('audit', `a_${importId}`)) continue;
    await auditImport(ctx, importId, orgId);
    written++;
  }
  return written;
}
