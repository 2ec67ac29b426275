/**
 * What every feature's staff-workspace actions share (ADR 0017): the org a figure is for (within the caller's scope),
 * a period of months as instants and dates, and a record's audit trail in plain words. The shapes are in
 * types/dashboard.ts; each feature computes its own figures from its own collections.
 */
import { monthRange } from '../../types/dashboard';
import { addLocalDays, addLocalMonths, startOfLocalDay } from '../../types/time';
import type { AuditEntry } from './audit';
import { covers, isAdmin } from './authority';
import type { HandlerContext } from './context';
import { forbidden, notFound } from './errors';
import type { OrgDoc, UserDoc } from './users';
import { maskName } from '../../types/mask';

/** The org whose subtree is counted: the one asked for, if the caller covers it; else the caller's own. */
export async function scopeOrg(ctx: HandlerContext, orgId?: string): Promise<OrgDoc> {
  const id = orgId ?? ctx.caller.staffOrg?._id ?? (isAdmin(ctx.caller) ? 'org_zj' : undefined);
  if (!id) throw forbidden('您的工作人员身份尚未绑定工会组织');
  const org = await ctx.store.get<OrgDoc>('orgs', id);
  if (!org) throw notFound('没有找到这个工会');
  if (!covers(ctx.caller, org.path)) throw forbidden('只能查看本工会及下级工会的统计');
  return org;
}

export interface Period {
  months: string[];
  /** First and last business date (Asia/Shanghai). */
  fromDate: string;
  toDate: string;
  /** Instants: [start of the first month, start of the month after the last). */
  fromAt: string;
  untilAt: string;
}

export function periodOf(from: string, to: string): Period {
  const months = monthRange(from, to);
  const fromDate = `${from}-01`;
  const next = addLocalMonths(`${to}-01`, 1);
  return {
    months,
    fromDate,
    toDate: addLocalDays(next, -1),
    fromAt: startOfLocalDay(fromDate).toISOString(),
    untilAt: startOfLocalDay(next).toISOString(),
  };
}

/** The month (YYYY-MM) of a business date or an instant's Shanghai date. */
export const monthOfDate = (date: string) => date.slice(0, 7);

/**
 * A record's audit trail, newest first, in plain words: who (a staff member with their union, 本人, 系统), when,
 * what and why. Entries are found by the record's id (the audit's `target` index).
 */
export async function trailOf(ctx: HandlerContext, targetIds: readonly string[], subjectUserId: string | null, limit = 100) {
  const entries: AuditEntry[] = [];
  for (const id of targetIds) entries.push(...(await ctx.store.find<AuditEntry>('audit', { targetId: id }, { sort: { at: -1 }, limit })));
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  const actorIds = [...new Set(entries.map((e) => e.actorId).filter((x): x is string => !!x && x !== subjectUserId))];
  const users = actorIds.length ? await ctx.store.find<UserDoc>('users', { _id: { $in: actorIds } }, { limit: 1000 }) : [];
  const orgIds = [...new Set(users.map((u) => u.staffOrgId ?? u.orgId))];
  const orgs = orgIds.length ? await ctx.store.find<OrgDoc>('orgs', { _id: { $in: orgIds } }, { limit: 1000 }) : [];
  const orgName = new Map(orgs.map((o) => [o._id, o.name]));
  const who = (e: AuditEntry): string => {
    if (!e.actorId || e.actorRoles.includes('system')) return '系统';
    if (e.actorId === subjectUserId) return '本人';
    const u = users.find((x) => x._id === e.actorId);
    if (!u) return '工作人员';
    const org = orgName.get(u.staffOrgId ?? u.orgId);
    return `${u.roles.includes('staff') || u.roles.includes('admin') ? u.name : maskName(u.name)}${org ? `（${org}）` : ''}`;
  };
  return entries.slice(0, limit).map((e) => ({ at: e.at, who: who(e), what: e.summary, why: e.reason ?? null }));
}
