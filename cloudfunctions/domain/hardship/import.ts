/**
 * Reading a dispatch list (下派名单) from CSV or Excel: 姓名、身份证号、手机号、基层工会、下派原因. Every row is checked with
 * the dispatch schema and its union matched by name inside the caller's subtree; nothing is written — the page shows
 * the rows and their problems, and the staff member dispatches the good ones.
 */
import { Readable } from 'node:stream';
import type ExcelJS from 'exceljs';
import { dispatchRow } from '../../../types/hardship.model';
import type { Input, MemberContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { scopeFilter, type OrgDoc } from '../../core/users';

const COLUMNS = { name: ['姓名'], idNumber: ['身份证号', '身份证号码', '公民身份号码'], phone: ['手机号', '联系电话', '电话'], org: ['基层工会', '所在工会', '工会'], reason: ['下派原因', '原因', '困难情况'] } as const;
const MAX_ROWS = 200;
const MAX_UNPACKED = 10 * 1024 * 1024;

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return String(v.result ?? '');
  }
  return String(v).trim();
}

/** The unpacked size an .xlsx (zip) declares, without unpacking (null: not a zip). */
function unpackedSize(zip: Buffer): number | null {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) if (zip.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
  if (eocd < 0) return null;
  let at = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = zip.readUInt16LE(eocd + 10); n > 0; n--) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return null;
    total += zip.readUInt32LE(at + 24);
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

async function readRows(fileName: string, content: Buffer): Promise<string[][]> {
  const csv = /\.csv$/i.test(fileName);
  if (!csv) {
    const size = unpackedSize(content);
    if (size === null || size > MAX_UNPACKED) throw new AppError('hardship.import_bad', '无法读取名单，请使用 CSV 或 Excel（.xlsx）表格');
  }
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  let sheet: ExcelJS.Worksheet | undefined;
  try {
    if (csv) sheet = await wb.csv.read(Readable.from([content.toString('utf8').replace(/^\uFEFF/, '')]), { map: (v: string) => v } as Parameters<typeof wb.csv.read>[1]);
    else {
      await wb.xlsx.load(content as unknown as ArrayBuffer);
      sheet = wb.worksheets[0];
    }
  } catch {
    throw new AppError('hardship.import_bad', '无法读取名单，请使用 CSV 或 Excel（.xlsx）表格');
  }
  if ((sheet?.actualRowCount ?? 0) > MAX_ROWS + 1) throw new AppError('validation', `一次最多下派 ${MAX_ROWS} 户，请分批`);
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as ExcelJS.CellValue[]).slice(1).map(cellText);
  });
  return Array.from(rows, (r) => r ?? []);
}

export async function parseDispatchList(ctx: MemberContext, input: Input<'hardship', 'parseDispatchList'>) {
  const content = Buffer.from(input.contentBase64, 'base64');
  if (content.length === 0) throw new AppError('validation', '文件是空的', [{ path: ['contentBase64'], message: '文件是空的' }]);
  const rows = await readRows(input.fileName, content);
  const header = (rows[0] ?? []).map((h) => h.trim());
  const col = Object.fromEntries(Object.entries(COLUMNS).map(([k, names]) => [k, header.findIndex((h) => (names as readonly string[]).includes(h))])) as Record<keyof typeof COLUMNS, number>;
  const lacking = (['name', 'idNumber', 'org', 'reason'] as const).filter((k) => col[k] < 0);
  if (lacking.length) throw new AppError('hardship.import_bad', `名单缺少“${lacking.map((k) => COLUMNS[k][0]).join('”“')}”列`);
  const unions = await ctx.store.find<OrgDoc>('orgs', { ...scopeFilter(ctx.caller, 'path'), level: 'grassroots' }, { limit: 1000 });
  const byName = new Map(unions.map((o) => [o.name, o]));
  const out = [];
  for (const [i, cells] of rows.slice(1).entries()) {
    if (cells.every((c) => !c)) continue;
    const get = (k: keyof typeof COLUMNS) => (col[k] >= 0 ? (cells[col[k]] ?? '').trim() : '');
    const union = byName.get(get('org'));
    const parsed = dispatchRow.safeParse({ name: get('name'), idNumber: get('idNumber'), ...(get('phone') ? { phone: get('phone') } : {}), orgId: union?._id ?? 'unknown', reason: get('reason') });
    const problem = !union ? `没有找到您辖区内的“${get('org') || '（空）'}”` : parsed.success ? null : parsed.error.issues[0].message;
    out.push({ line: i + 2, row: parsed.success && union ? parsed.data : null, orgName: union?.name ?? get('org'), problem });
  }
  if (out.length === 0) throw new AppError('hardship.import_bad', '名单中没有数据行');
  return { rows: out };
}
