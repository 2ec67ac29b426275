/**
 * Demo data for the medical green-channel card: partner hospitals (嘉兴市第二医院 with full details), the
 * 嘉兴市总工会 eligibility policy, an active card for 钱国强, a pending application for 许美华 and a few visits.
 */
import type { UserDoc } from '../../cloudfunctions/core/users';
import { C, type CardDoc, type HolderDoc, type HospitalDoc, type PolicyDoc, type VisitDoc, cardIdOf } from '../../cloudfunctions/domain/greencard/docs';
import { DEFAULT_TITLES, DEFAULT_VALIDITY_MONTHS, localMonth, validityOf } from '../../cloudfunctions/domain/greencard/rules';
import type { HonourDoc } from '../../cloudfunctions/domain/account/honours';
import { maskName, maskedIdOf } from '../../cloudfunctions/domain/account/identity';
import { STANDARD_PRIORITIES } from '../../types/greencard.schema';
import { cardNoOfSeq, visitIdOf, windowOf } from '../../types/greencard.code';
import type { FeatureSeed } from './index';
import { seedHistory } from './core';
import { DEMO_HOSPITAL_ID } from './demo-people';

export const DEMO_HOSPITALS: Omit<HospitalDoc, 'createdAt' | 'updatedAt'>[] = [
  {
    _id: DEMO_HOSPITAL_ID,
    name: '嘉兴市第二医院',
    address: '嘉兴市南湖区环城北路 1518 号',
    desk: '门诊楼一楼大厅 导医台旁“劳模服务窗口”（进门右手边）',
    phone: '0573-82521234',
    hours: '周一至周日 7:30-17:00（急诊全天）',
    priorities: STANDARD_PRIORITIES,
    honouredOrgIds: ['org_jx'],
    ownerOrgId: 'org_jx',
  },
  {
    _id: 'hosp_js1',
    name: '嘉善县第一人民医院',
    address: '嘉善县罗星街道解放东路 1218 号',
    desk: '门诊楼一楼 综合服务中心 3 号窗口',
    phone: '0573-84012345',
    hours: '工作日 8:00-17:00，周末 8:00-12:00',
    priorities: [...STANDARD_PRIORITIES, 'payment', 'medicine'],
    honouredOrgIds: ['org_jx', 'org_jx_js'],
    ownerOrgId: 'org_jx_js',
  },
  {
    _id: 'hosp_hz1',
    name: '杭州市第一人民医院',
    address: '杭州市上城区浣纱路 261 号',
    desk: '门诊一楼 服务台',
    phone: '0571-56001234',
    hours: '工作日 8:00-17:00',
    priorities: [...STANDARD_PRIORITIES, 'parking'],
    honouredOrgIds: ['org_hz'],
    ownerOrgId: 'org_hz',
  },
];

async function userByOpenid(store: Parameters<FeatureSeed>[0]['store'], openid: string): Promise<UserDoc | null> {
  const [u] = await store.find<UserDoc>('users', { openid }, { limit: 1 });
  return u ?? null;
}

export const seedGreencard: FeatureSeed = async ({ store, now }) => {
  const at = now.toISOString();
  for (const h of DEMO_HOSPITALS) await store.set<HospitalDoc>(C.hospitals, { ...h, createdAt: at, updatedAt: at });
  const policy: PolicyDoc = { _id: 'org_jx', orgId: 'org_jx', titles: DEFAULT_TITLES, levels: [], validityMonths: DEFAULT_VALIDITY_MONTHS, updatedAt: at, updatedBy: null };
  await store.set(C.policies, policy);

  let seq = 0;
  const cardFor = async (openid: string, status: 'active' | 'pending'): Promise<CardDoc | null> => {
    const user = await userByOpenid(store, openid);
    if (!user) return null;
    const honours = await store.find<HonourDoc>('honours', { linkedUserId: user._id, linkStatus: 'confirmed', level: 'national' }, { limit: 1 });
    const honour = honours[0];
    if (!honour) return null;
    seq++;
    const cardNo = cardNoOfSeq(seq);
    const v = status === 'active' ? validityOf(now, DEFAULT_VALIDITY_MONTHS) : null;
    const card: CardDoc = {
      _id: cardIdOf(cardNo), cardNo, seq, userId: user._id, holderOrgPath: user.orgPath,
      holderNameMasked: maskName(user.name), holderIdMasked: maskedIdOf(user), holderBirthYear: user.birthYear,
      issuerOrgId: 'org_jx', issuerOrgName: '嘉兴市总工会', honourId: honour._id, honourTitle: honour.title, honourLevel: honour.level,
      status, statusReason: null, statusChangedAt: at,
      validFrom: v?.validFrom ?? null, validUntil: v?.validUntil ?? null, validUntilAt: v?.validUntilAt ?? null,
      appliedAt: at, createdAt: at, updatedAt: at,
      version: 1,
      history: [seedHistory(at, status, '演示数据')],
      decision: null,
    };
    await store.set(C.cards, card);
    await store.set<HolderDoc>(C.holders, { _id: user._id, cardId: card._id, updatedAt: at });
    return card;
  };

  const qian = await cardFor('demo-model-national', 'active');
  await cardFor('demo-model-medal', 'pending');
  await store.set(C.counters, { _id: 'card_seq', n: seq });

  if (qian) {
    const clerk = await userByOpenid(store, 'demo-hospital-clerk');
    for (const daysAgo of [40, 12, 3]) {
      const when = new Date(now.getTime() - daysAgo * 86_400_000);
      const window = windowOf(when.getTime());
      const visit: VisitDoc = {
        _id: visitIdOf(qian.cardNo, window, DEMO_HOSPITAL_ID), cardId: qian._id, cardNo: qian.cardNo, userId: qian.userId,
        holderOrgPath: qian.holderOrgPath, hospitalId: DEMO_HOSPITAL_ID, hospitalName: '嘉兴市第二医院', clerkId: clerk?._id ?? null,
        window, at: when.toISOString(), month: localMonth(when), offline: false, recordedAt: when.toISOString(),
      };
      await store.set(C.visits, visit);
    }
  }
};
