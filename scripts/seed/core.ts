/** Seeds the organisation tree, demo people and their honours into a store. */
import type { Store } from '../../cloudfunctions/core/store/port';
import type { HistoryItem } from '../../cloudfunctions/core/workflow';
import type { OrgDoc, UserDoc } from '../../cloudfunctions/core/users';
import { newUserDoc } from '../../cloudfunctions/domain/account/profile';
import { honourDocOf } from '../../cloudfunctions/domain/account/honours';
import { DEMO_ORGS, DEMO_PEOPLE, type DemoOrg, demoIdNumber } from './demo-people';

/** The first history entry of a seeded workflow record (made by the system, not by a person). */
export function seedHistory(at: string, status: string, note: string): HistoryItem {
  return { v: 1, at, event: 'create', from: '', status, by: null, byRoles: ['system'], byOrgId: null, note };
}

export interface SeedContext {
  store: Store;
  idHashKey: string;
  now: Date;
}

export function orgDocs(orgs: DemoOrg[] = DEMO_ORGS): OrgDoc[] {
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const pathOf = (id: string): string[] => {
    const o = byId.get(id)!;
    return o.parentId ? [...pathOf(o.parentId), id] : [id];
  };
  return orgs.map((o) => ({ _id: o.id, name: o.name, level: o.level, parentId: o.parentId, path: pathOf(o.id) }));
}

export async function seedOrgs(store: Store, orgs: DemoOrg[] = DEMO_ORGS): Promise<OrgDoc[]> {
  const docs = orgDocs(orgs);
  for (const d of docs) await store.set('orgs', d);
  return docs;
}

export async function seedPeople(ctx: SeedContext): Promise<UserDoc[]> {
  const orgs = new Map(orgDocs().map((o) => [o._id, o]));
  const at = ctx.now.toISOString();
  const users: UserDoc[] = [];
  for (const [i, p] of DEMO_PEOPLE.entries()) {
    if (p.registered === false) continue;
    const org = orgs.get(p.orgId)!;
    const idNumber = demoIdNumber(p);
    const userId = `u_demo_${String(i + 1).padStart(2, '0')}`;
    const honourIds: string[] = [];
    for (const h of p.honours ?? []) {
      const recordOrg = orgs.get('org_jx')!;
      const doc = honourDocOf(ctx.idHashKey, { name: p.name, idNumber, ...h }, recordOrg, at);
      doc.linkedUserId = userId;
      doc.linkStatus = h.confirmed ? 'confirmed' : 'suggested';
      await ctx.store.set('honours', doc);
      if (h.confirmed) honourIds.push(doc._id);
    }
    const user = newUserDoc(
      { _id: userId, openid: p.openid, name: p.name, phone: p.phone, idNumber, org, roles: p.roles, staffOrgId: p.staffOrgId, hospitalId: p.hospitalId, honourIds },
      ctx.idHashKey,
      at,
    );
    await ctx.store.set('users', user);
    users.push(user);
  }
  // Honour records with no registered person yet: linked automatically when that person registers.
  const unregistered = [
    { name: '潘永林', idNumber: '330421196509213314', title: '全国先进工作者', level: 'national' as const, year: 2010, awardingBody: '中华人民共和国国务院' },
    { name: '鲁秀英', idNumber: '330402197203154425', title: '嘉兴良匠', level: 'city' as const, year: 2023, awardingBody: '嘉兴市总工会' },
  ];
  for (const h of unregistered) await ctx.store.set('honours', honourDocOf(ctx.idHashKey, h, orgs.get('org_jx')!, at));
  return users;
}
