/**
 * Reading a dispatch list (下派名单) from CSV or Excel: 姓名、身份证号、手机号、基层工会、下派原因. Every row is checked with
 * the dispatch schema and its union matched by name inside the caller's subtree; nothing is written — the page shows
 * the rows and their problems, and the staff member dispatches the good ones.
 */
import { dispatchRow } from '../../../types/hardship.model';
import type { Input, MemberContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { readSheet } from '../../core/sheets';
import { scopeFilter, type OrgDoc } from '../../core/users';

const COLUMNS = { name: ['姓名'], idNumber: ['身份证号', '身份证号码', '公民身份号码'], phone: ['手机号', '联系电话', '电话'], org: ['基层工会', '所在工会', '工会'], reason: ['下派原因', '原因', '困难情况'] } as const;
const MAX_ROWS = 200;
const MAX_UNPACKED = 10 * 1024 * 1024;



function readRows(fileName: string, content: Buffer): Promise<string[][]> {
  return readSheet(fileName, content, {
    maxRows: MAX_ROWS,
    maxUnpackedBytes: MAX_UNPACKED,
    unreadable: () => new AppError('hardship.import_bad', '无法读取名单，请使用 CSV 或 Excel（.xlsx）表格'),
    tooMany: () => new AppError('validation', `一次最多下派 ${MAX_ROWS} 户，请分批`),
  });
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
