/**
 * Demo 微心愿, relative to the seed time: archived hardship households (written through the shared household contract
 * under ids derived from the person, and left as they are when the hardship seed archived them first), wishes at
 * every stage in 南湖区's and 嘉善县's pools — waiting to be vetted, returned, in the pool, released once (a stuck
 * wish), claimed, delivered and waiting for confirmation, completed with a thank-you — and the demo volunteers
 * (王志刚, 钱国强, 柴建平) with points. Every ledger the wishes imply (the volunteers' open claims, the households'
 * places for the year) is written to agree with them.
 */
import type { Store } from '../../cloudfunctions/core/store/port';
import type { UserDoc } from '../../cloudfunctions/core/users';
import type { HouseholdDoc } from '../../cloudfunctions/domain/account/households';
import { C, type PointsDoc, type WishDoc } from '../../cloudfunctions/domain/wishes/model';
import { archiveHousehold, wishDocIn } from '../../cloudfunctions/domain/wishes/testkit';
import { DEFAULT_WISH_POLICY, pointsFor, type WishForm } from '../../types/wishes.schema';
import { addLocalDays, localDateOf } from '../../types/time';
import { seedHistory } from './core';
import type { FeatureSeed } from './index';
import { makeIdNumber } from './demo-people';

const DAY = 86_400_000;

async function userByOpenid(store: Store, openid: string): Promise<UserDoc> {
  const [u] = await store.find<UserDoc>('users', { openid }, { limit: 1 });
  if (!u) throw new Error(`seed: no demo user ${openid}`);
  return u;
}

interface DemoWish {
  id: string;
  household: string;
  state: WishDoc['status'];
  form: Partial<WishForm>;
  /** Days before the seed time the wish was collected. */
  ago: number;
  volunteer?: string;
  releases?: number;
  thanks?: string;
  reason?: string;
  by?: 'self' | 'staff';
}

export const seedWishes: FeatureSeed = async ({ store, idHashKey, now }) => {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();
  const today = localDateOf(now);
  const by = {
    worker3: await userByOpenid(store, 'demo-worker-3'),
    volunteer: await userByOpenid(store, 'demo-volunteer'),
    national: await userByOpenid(store, 'demo-model-national'),
    provincial: await userByOpenid(store, 'demo-model-provincial'),
    grassroots: await userByOpenid(store, 'demo-staff-grassroots'),
  };

  const households: Record<string, HouseholdDoc> = {
    chen: await archiveHousehold(store, idHashKey, { name: '陈阿毛', idNumber: makeIdNumber('330402', '19580312', '121'), orgId: 'gu_jx_hengtong', category: 'deep' }, at(200)),
    shen: await archiveHousehold(store, idHashKey, { name: '沈桂芳', idNumber: makeIdNumber('330402', '19610708', '242'), orgId: 'gu_jx_nanhu_textile', category: 'relative' }, at(180)),
    zhou: await archiveHousehold(store, idHashKey, { name: '周美娣', idNumber: makeIdNumber('330402', '19550214', '332'), orgId: 'gu_jx_daqiao_park', category: 'accident' }, at(150)),
    ma: await archiveHousehold(store, idHashKey, { user: by.worker3, category: 'relative' }, at(120)),
    wang: await archiveHousehold(store, idHashKey, { name: '王秀兰', idNumber: makeIdNumber('330421', '19540926', '392'), orgId: 'gu_js_dongyun_coop', category: 'deep' }, at(160)),
    li: await archiveHousehold(store, idHashKey, { name: '李根宝', idNumber: makeIdNumber('330421', '19601201', '551'), orgId: 'gu_js_xinrui', category: 'relative' }, at(140)),
  };

  const need = (days: number) => addLocalDays(today, days);
  const WISHES: DemoWish[] = [
    { id: 'w_demo_washer', household: 'chen', state: 'published', ago: 6, form: { title: '一台洗衣机', category: 'appliance', description: '家里的洗衣机坏了多年，老人手洗衣服很吃力，希望有一台小型波轮洗衣机。', valueYuan: 450, neededBy: need(45), handover: 'with_staff' } },
    { id: 'w_demo_tv', household: 'chen', state: 'claimed', ago: 12, volunteer: 'volunteer', form: { title: '一台电视机', category: 'appliance', description: '老人独居，平时想看看新闻和戏曲，旧电视已经不能开机。', valueYuan: 480, neededBy: need(30), handover: 'at_union' } },
    { id: 'w_demo_shoes', household: 'shen', state: 'completed', ago: 40, volunteer: 'national', thanks: '谢谢钱师傅送来的康复鞋，走路稳当多了！', form: { title: '一双康复鞋', category: 'health', description: '中风后左脚无力，医生建议穿康复鞋练习走路，需要 38 号。', valueYuan: 300, neededBy: need(-10), handover: 'with_staff' } },
    { id: 'w_demo_bike', household: 'shen', state: 'delivered', ago: 15, volunteer: 'volunteer', form: { title: '一辆自行车', category: 'mobility', description: '孩子上初中路远，希望有一辆 24 寸的自行车上下学。', valueYuan: 420, neededBy: need(20), handover: 'at_union' } },
    { id: 'w_demo_stove', household: 'zhou', state: 'published', ago: 30, releases: 1, form: { title: '一台燃气灶', category: 'appliance', description: '旧燃气灶打不着火，做饭要用电磁炉，电费负担重，希望换一台双眼燃气灶。', valueYuan: 260, neededBy: need(10), handover: 'with_staff' } },
    { id: 'w_demo_cooker', household: 'zhou', state: 'completed', ago: 60, volunteer: 'volunteer', form: { title: '一个电饭煲', category: 'appliance', description: '家里的电饭煲内胆坏了，希望有一个 3 升左右的电饭煲。', valueYuan: 220, neededBy: need(-20), handover: 'at_union' } },
    { id: 'w_demo_microwave', household: 'ma', state: 'submitted', ago: 2, by: 'self', form: { title: '一台微波炉', category: 'appliance', description: '上夜班回家吃饭晚，希望有一台微波炉热饭菜。', valueYuan: 350, neededBy: need(40), handover: 'at_union' } },
    { id: 'w_demo_desk', household: 'ma', state: 'returned', ago: 5, by: 'self', reason: '请写明书桌的大致尺寸，便于志愿者购买', form: { title: '一张书桌', category: 'study', description: '孩子在饭桌上写作业，希望有一张书桌。', valueYuan: 300, neededBy: need(35), handover: 'with_staff' } },
    { id: 'w_demo_fan', household: 'li', state: 'published', ago: 4, form: { title: '一台电风扇', category: 'appliance', description: '夏天屋里闷热，老人有高血压，希望有一台落地电风扇。', valueYuan: 200, neededBy: need(30), handover: 'at_union' } },
    { id: 'w_demo_glasses', household: 'li', state: 'completed', ago: 50, volunteer: 'provincial', thanks: '眼镜很合适，看报纸清楚了，谢谢柴师傅。', form: { title: '一副老花镜', category: 'health', description: '视力下降，希望配一副合适的老花镜。', valueYuan: 180, neededBy: need(-15), handover: 'at_union' } },
  ];

  const held: Record<string, Record<string, string>> = {};
  const allowances: Record<string, Record<string, string>> = {};
  const credits: Record<string, Record<string, number>> = {};
  for (const d of WISHES) {
    const h = households[d.household];
    const collectedAt = at(d.ago);
    const volunteer = d.volunteer ? by[d.volunteer as keyof typeof by] : undefined;
    const self = d.by === 'self';
    const w = await wishDocIn(store, h, d.state, collectedAt, {
      id: d.id,
      form: d.form,
      volunteer,
      collectedBy: self ? by.worker3 : by.grassroots,
      dueAt: d.state === 'claimed' ? new Date(now.getTime() + 10 * DAY).toISOString() : undefined,
      releases: d.releases,
      publishedAt: at(Math.max(0, d.ago - 1)),
    });
    w.collectedAs = self ? 'self' : 'staff';
    w.collectorName = self ? by.worker3.name : by.grassroots.name;
    w.history = [seedHistory(collectedAt, d.state, self ? '本人登记心愿（演示数据）' : `${w.unionName}代为登记心愿（演示数据）`)];
    if (d.reason) w.history[0].reason = d.reason;
    if (d.releases) w.pastClaimers = [by.national._id];
    if (volunteer && d.state === 'completed') {
      w.points = pointsFor(DEFAULT_WISH_POLICY, w.valueYuan);
      w.completedAt = at(Math.max(0, d.ago - 20));
      w.thanks = d.thanks ? { text: d.thanks, at: at(Math.max(0, d.ago - 21)) } : null;
      (credits[volunteer._id] ??= {})[w._id] = w.points;
    }
    if (volunteer && (d.state === 'claimed' || d.state === 'delivered')) (held[volunteer._id] ??= {})[w._id] = collectedAt;
    if (d.state !== 'rejected' && d.state !== 'withdrawn') (allowances[w.allowanceId] ??= {})[w._id] = collectedAt;
    w.updatedAt = collectedAt;
    await store.set(C.wishes, w);
  }

  const touchedAt = now.toISOString();
  const capacity = DEFAULT_WISH_POLICY.maxOpenClaims;
  for (const v of [by.volunteer, by.national, by.provincial]) {
    const mine = held[v._id] ?? {};
    await store.set(C.volunteers, { _id: v._id, capacity, left: capacity - Object.keys(mine).length, held: mine, touchedAt });
    const credited = credits[v._id] ?? {};
    const points: PointsDoc = {
      _id: v._id,
      name: v.name,
      orgId: v.orgId,
      orgName: '',
      orgPath: v.orgPath,
      total: Object.values(credited).reduce((a, b) => a + b, 0),
      completed: Object.keys(credited).length,
      credited,
      updatedAt: touchedAt,
    };
    await store.set(C.points, points);
  }
  for (const [id, wishes] of Object.entries(allowances)) {
    const cap = Math.max(DEFAULT_WISH_POLICY.wishesPerYear, Object.keys(wishes).length);
    await store.set(C.allowances, { _id: id, capacity: cap, left: cap - Object.keys(wishes).length, held: wishes, touchedAt });
  }
};
