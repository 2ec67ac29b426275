/** Volunteer points for staff: a ranking of the volunteers of the caller's subtree, and its Excel export. */
import { formatInstant, localDateOf } from '../../../types/time';
import type { MemberContext } from '../../core/context';
import type { OrgDoc } from '../../core/users';
import { sheetFile } from '../../core/sheets';
import { scopeFilter } from '../../core/users';
import { C, type PointsDoc } from './model';

export async function ranking(ctx: MemberContext, limit: number) {
  const docs = await ctx.store.find<PointsDoc>(C.points, { ...scopeFilter(ctx.caller, 'orgPath'), total: { $gt: 0 } }, { sort: { total: -1 }, limit });
  const orgs = docs.length ? await ctx.store.find<OrgDoc>('orgs', { _id: { $in: [...new Set(docs.map((d) => d.orgId))] } }, { limit: 500 }) : [];
  const names = new Map(orgs.map((o) => [o._id, o.name]));
  return { rows: docs.map((d, i) => ({ rank: i + 1, name: d.name, orgName: names.get(d.orgId) ?? '', points: d.total, completed: d.completed })) };
}

export async function exportRanking(ctx: MemberContext) {
  const { rows } = await ranking(ctx, 500);
  const scope = ctx.caller.staffOrg?.name ?? '全省';
  return sheetFile(ctx, {
    fileName: `${scope}-志愿积分排行-${localDateOf(ctx.now)}.xlsx`,
    sheetName: '志愿积分排行',
    columns: [
      { header: '名次', key: 'rank', width: 6 },
      { header: '志愿者', key: 'name', width: 12 },
      { header: '所在工会', key: 'orgName', width: 30 },
      { header: '志愿积分', key: 'points', width: 10 },
      { header: '完成心愿数', key: 'completed', width: 12 },
    ],
    rows,
    footer: [{ rank: '导出时间', name: formatInstant(ctx.now) }],
  });
}
