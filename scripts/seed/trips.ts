/**
 * Demo 疗休养, relative to the seed time: a first-come 景宁 forest-therapy trip open now, a lottery trip for
 * model workers open now, a county trip that needs review, one that opens in a week, and a past trip
 * that demo-worker-3 went on last year (so they have no priority for "not been recently").
 */
import type { EligibilityRules, TripMode, TripTheme } from '../../types/trips.schema';
import { addLocalDays, joinInstant, localDateOf } from '../../types/time';
import type { OrgDoc } from '../../cloudfunctions/core/users';
import {
  C,
  type SessionInfo,
  type SignupDoc,
  type TripDoc,
  type TripPersonDoc,
  sessionDoc,
  sessionIdOf,
  sessionInfoOf,
  sessionPlaces,
  signupIdOf,
} from '../../cloudfunctions/domain/trips/model';
import { seedHistory } from './core';
import { ticketOf } from '../../cloudfunctions/domain/trips/rules';
import type { FeatureSeed } from './index';

const RULES: EligibilityRules = {
  audience: 'all',
  honourLevels: [],
  maxAge: 65,
  minAge: null,
  onePerYear: true,
  priorityYears: 3,
  priorityWeight: 3,
  priorityHeadStartHours: 0,
};

interface DemoTrip {
  id: string;
  orgId: string;
  title: string;
  route: string;
  itinerary: string;
  themes: TripTheme[];
  mode: TripMode;
  needsReview: boolean;
  /** Days from the seed day (Asia/Shanghai) that sign-up opens / closes at 09:00 / 17:00. */
  opens: number;
  closes: number;
  rules: Partial<EligibilityRules>;
  sessions: { label: string; depart: number; nights: number; places: number }[];
  costNote: string;
  subsidyNote: string;
  healthNote: string;
  status?: TripDoc['status'];
}

const TRIPS: DemoTrip[] = [
  {
    id: 'trip_jingning_forest',
    orgId: 'org_jx',
    title: '景宁畲乡森林康养疗休养',
    route: '嘉兴—丽水景宁大均、草鱼塘森林公园',
    itinerary:
      '第一天：嘉兴集合乘大巴前往景宁，入住森林康养基地，晚间健康讲座。\n' +
      '第二天：草鱼塘森林步道徒步（约 5 公里，可选短线），森林冥想与呼吸练习，中医体质辨识。\n' +
      '第三天：大均古村、畲族文化展示馆，品畲家茶，八段锦晨练。\n' +
      '第四天：健康体检报告解读，午餐后返程。',
    themes: ['kangyang', 'liaoyang'],
    mode: 'first_come',
    needsReview: false,
    opens: -1,
    closes: 10,
    rules: {},
    sessions: [
      { label: '第一期', depart: 30, nights: 3, places: 40 },
      { label: '第二期', depart: 45, nights: 3, places: 40 },
    ],
    costNote: '交通、住宿、餐饮、保险和体检费用由市总工会承担，个人无需缴费。',
    subsidyNote: '疗休养期间按规定享受带薪休假，所在单位不得扣减工资和奖金。',
    healthNote: '森林步道有一定坡度，患有严重心脑血管疾病、近期手术者请慎重报名；请自带常用药品。',
  },
  {
    id: 'trip_model_yiyang',
    orgId: 'org_jx',
    title: '劳模工匠桐乡医养疗休养（抽签）',
    route: '嘉兴—桐乡乌镇康养中心',
    itinerary: '第一天：报到，全面健康体检。\n第二天：中医理疗、康复指导。\n第三天：乌镇西栅文化参观，返程。',
    themes: ['yiyang', 'wenyang'],
    mode: 'lottery',
    needsReview: false,
    opens: -2,
    closes: 5,
    rules: { audience: 'model_workers', maxAge: 75, priorityWeight: 3 },
    sessions: [{ label: '第一期', depart: 20, nights: 2, places: 20 }],
    costNote: '费用全部由市总工会承担。',
    subsidyNote: '往返交通统一安排。',
    healthNote: '体检前一天晚上 10 点后请禁食。',
  },
  {
    id: 'trip_jiashan_wenyang',
    orgId: 'org_jx_js',
    title: '嘉善西塘文养疗休养',
    route: '嘉善—西塘古镇',
    itinerary: '第一天：西塘古镇文化讲座与非遗体验。\n第二天：田园采摘、茶艺，返程。',
    themes: ['wenyang'],
    mode: 'first_come',
    needsReview: true,
    opens: -1,
    closes: 7,
    rules: { maxAge: 60 },
    sessions: [
      { label: '第一期', depart: 14, nights: 1, places: 2 },
      { label: '第二期', depart: 28, nights: 1, places: 30 },
    ],
    costNote: '个人承担往返交通费 50 元，其余由县总工会承担。',
    subsidyNote: '',
    healthNote: '',
  },
  {
    id: 'trip_anji_liaoyang',
    orgId: 'org_jx',
    title: '安吉竹乡疗养（下周开放报名）',
    route: '嘉兴—湖州安吉',
    itinerary: '第一天：竹博园、竹林氧吧。\n第二天：白茶园、温泉理疗。\n第三天：返程。',
    themes: ['liaoyang'],
    mode: 'first_come',
    needsReview: false,
    opens: 7,
    closes: 14,
    rules: { priorityHeadStartHours: 24 },
    sessions: [{ label: '第一期', depart: 40, nights: 2, places: 30 }],
    costNote: '费用由市总工会承担。',
    subsidyNote: '',
    healthNote: '温泉理疗不适合高血压未控制者。',
  },
  {
    id: 'trip_2025_moganshan',
    orgId: 'org_jx',
    title: '莫干山康养疗休养（往期）',
    route: '嘉兴—德清莫干山',
    itinerary: '往期行程。',
    themes: ['kangyang'],
    mode: 'first_come',
    needsReview: false,
    opens: -300,
    closes: -280,
    rules: {},
    sessions: [{ label: '第一期', depart: -260, nights: 2, places: 30 }],
    costNote: '',
    subsidyNote: '',
    healthNote: '',
    status: 'closed',
  },
];

export const seedTrips: FeatureSeed = async ({ store, now }) => {
  const today = localDateOf(now);
  const at = now.toISOString();
  const atHour = (days: number, hour: number) => joinInstant(addLocalDays(today, days), `${hour}:00`);
  const date = (days: number) => addLocalDays(today, days);
  for (const t of TRIPS) {
    const org = await store.get<OrgDoc>('orgs', t.orgId);
    if (!org) continue;
    const sessionIds = t.sessions.map((_, i) => sessionIdOf(t.id, i + 1));
    const sessions: SessionInfo[] = [];
    for (const [i, s] of t.sessions.entries()) {
      const doc = sessionDoc(t.id, org.path, i + 1, { label: s.label, departDate: date(s.depart), returnDate: date(s.depart + s.nights), places: s.places }, at);
      await store.set(C.sessions, doc);
      sessions.push(sessionInfoOf(doc));
    }
    const trip: TripDoc = {
      _id: t.id,
      orgId: org._id,
      orgPath: org.path,
      orgName: org.name,
      title: t.title,
      route: t.route,
      itinerary: t.itinerary,
      themes: t.themes,
      pictures: [],
      costNote: t.costNote,
      subsidyNote: t.subsidyNote,
      healthNote: t.healthNote,
      mode: t.mode,
      needsReview: t.needsReview,
      opensAt: atHour(t.opens, 9),
      closesAt: atHour(t.closes, 17),
      cancelDaysBefore: 3,
      offerHours: 24,
      rules: { ...RULES, ...t.rules },
      sessionIds,
      sessions,
      status: t.status ?? 'published',
      version: 1,
      history: [seedHistory(at, t.status ?? 'published', '演示数据')],
      createdBy: 'u_demo_02',
      createdAt: at,
      updatedAt: at,
      publishedAt: at,
      closedAt: t.status === 'closed' ? at : null,
    };
    await store.set(C.trips, trip);
  }

  // demo-worker-3 (马晓东, u_demo_12) went to 莫干山 last time: attended, so no "not been recently" priority.
  const past = TRIPS[TRIPS.length - 1];
  const userId = 'u_demo_12';
  const sessionId = sessionIdOf(past.id, 1);
  const departDate = date(past.sessions[0].depart);
  const signup: SignupDoc = {
    _id: signupIdOf(past.id, userId),
    tripId: past.id,
    sessionId,
    userId,
    tripOrgPath: ['org_zj', 'org_jx'],
    departDate,
    round: 1,
    status: 'attended',
    version: 2,
    priority: true,
    weight: 1,
    ticket: ticketOf(signupIdOf(past.id, userId)),
    form: { emergencyName: '马晓华', emergencyPhone: '13757300399', emergencyRelation: '兄弟', healthNotes: '' },
    waitNo: null,
    drawRank: null,
    offerExpiresAt: null,
    yearClaimId: null,
    history: [
      { ...seedHistory(atHour(past.opens, 10), 'confirmed', '报名成功，名额已确认'), event: 'place', from: 'none' },
      { ...seedHistory(atHour(past.sessions[0].depart, 8), 'attended', '出发签到'), v: 2, event: 'check_in', from: 'confirmed' },
    ],
    createdAt: atHour(past.opens, 10),
    updatedAt: atHour(past.sessions[0].depart, 8),
    checkedInAt: atHour(past.sessions[0].depart, 8),
  };
  await store.set(C.signups, signup);
  await sessionPlaces(store).take(sessionId, signup._id, signup.createdAt);
  const person: TripPersonDoc = { _id: userId, attendedDates: [departDate] };
  await store.set(C.people, person);
};
