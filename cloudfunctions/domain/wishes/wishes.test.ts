/**
 * 微心愿 end to end through the real function wrapper: collection (by the union and by the archived worker) with its
 * checks, vetting, the pool as a volunteer sees it, claiming, giving back, delivery with photos, confirmation and
 * points once, disputes, reminders and release at the deadline, the stuck queue and fulfilment by the union, thanks,
 * the ranking and its export, the policy, the home tile and the public wall.
 */
import ExcelJS from 'exceljs';
import type { MineOutput, PoolItem, WishView } from '../../../types/wishes.schema';
import { StoreError } from '../../core/store/port';
import { createTestEnv, makeTestIdNumber, type TestEnv } from '../../testing/harness';
import type { UserDoc } from '../../core/users';
import type { HouseholdDoc } from '../account/households';
import type { PointsDoc, WishDoc } from './model';
import { WISH_FORM, archiveHousehold } from './testkit';

let env: TestEnv;
let n = 0;
const GRASSROOTS = 'demo-staff-grassroots'; // 恒通机械工会 (南湖区 · 新嘉街道)
// Two volunteers of 恒通机械 (南湖区), fresh: the demo ones hold seeded claims.
let VOLUNTEER: string;
let MODEL: string;
let county: UserDoc; // 南湖区总工会 staff: the vetting level by default
let household: HouseholdDoc;

type Answer = { wish: WishView; message: string };

async function newHousehold(orgId = 'gu_jx_hengtong', user?: UserDoc): Promise<HouseholdDoc> {
  return archiveHousehold(env.store, env.secrets.idHashKey, user ? { user } : { name: `陈阿${'甲乙丙丁戊己庚辛壬癸'[n++ % 10]}`, idNumber: makeTestIdNumber(70_000 + n, 1958), orgId }, env.clock.now.toISOString());
}

async function collected(h: HouseholdDoc, over: Partial<typeof WISH_FORM> = {}, as = GRASSROOTS): Promise<WishView> {
  return (await env.ok<Answer>('wishes', 'collect', { householdId: h._id, form: { ...WISH_FORM, ...over } }, { as })).wish;
}

async function published(h: HouseholdDoc = household, over: Partial<typeof WISH_FORM> = {}): Promise<WishView> {
  const w = await collected(h, over);
  return (await env.ok<Answer>('wishes', 'vet', { wishId: w.id, decision: 'approve' }, { as: county.openid })).wish;
}

async function photo(as: string, purpose = 'delivery_photo'): Promise<string> {
  const t = await env.ok<{ fileId: string }>('files', 'startUpload', { purpose, name: '送达.jpg', mime: 'image/jpeg', size: 2048 }, { as });
  await env.ok('files', 'finishUpload', { fileId: t.fileId, cloudFileId: `cloud://env.bucket/uploads/${t.fileId}.jpg` }, { as });
  return t.fileId;
}

const doc = (id: string) => env.store.get<WishDoc>('wishes', id) as Promise<WishDoc>;
const notices = (userId: string, kind: string) => env.store.find<{ _id: string; title: string }>('notices', { userId, kind }, { limit: 100 });
const userOf = async (openid: string) => (await env.store.find<UserDoc>('users', { openid }, { limit: 1 }))[0];

beforeAll(async () => {
  env = await createTestEnv();
  county = await env.addUser({ orgId: 'gu_jx_office', roles: ['worker', 'staff'], staffOrgId: 'org_jx_nh', idNumber: makeTestIdNumber(69_001, 1980) });
  household = await newHousehold();
  VOLUNTEER = (await env.addUser({ orgId: 'gu_jx_hengtong', name: '赵志勇', roles: ['worker', 'volunteer'], idNumber: makeTestIdNumber(69_002, 1975) })).openid;
  MODEL = (await env.addUser({ orgId: 'gu_jx_hengtong', name: '孙建国', roles: ['worker', 'volunteer'], idNumber: makeTestIdNumber(69_003, 1965) })).openid;
});

describe('collecting', () => {
  it('refuses phone numbers, ID numbers and addresses in what volunteers will read, in plain words', async () => {
    const cases: [Partial<typeof WISH_FORM>, RegExp][] = [
      [{ description: '需要洗衣机，有事请打 138 1234 5678 联系老人' }, /电话号码/],
      [{ description: '老人身份证 330402195801011234，家里洗衣机坏了' }, /身份证号/],
      [{ description: '家住南湖区中山路 88 号 3 幢 201 室，洗衣机坏了' }, /住址/],
      [{ title: '电话0573-82345678' }, /电话号码/],
    ];
    for (const [form, message] of cases) {
      const r = await env.call('wishes', 'collect', { householdId: household._id, form: { ...WISH_FORM, ...form } }, { as: GRASSROOTS });
      expect(r).toMatchObject({ ok: false, error: { code: 'validation' } });
      expect(r.ok ? '' : r.error.issues?.[0]?.message).toMatch(message);
    }
    // A shoe size or a screen size is not an address or a number.
    const fine = await collected(await newHousehold(), { title: '康复鞋', category: 'health', description: '需要一双 42 号的康复鞋，左脚术后行走不便。', valueYuan: 300 });
    expect(fine.status).toBe('submitted');
  });

  it('checks the value cap, the date and the archive', async () => {
    const r = await env.call('wishes', 'collect', { householdId: household._id, form: { ...WISH_FORM, valueYuan: 600 } }, { as: GRASSROOTS });
    expect(r).toMatchObject({ ok: false, error: { code: 'wishes.too_valuable', message: '心愿的估计价值不能超过 500 元' } });
    expect(await env.call('wishes', 'collect', { householdId: household._id, form: { ...WISH_FORM, neededBy: '2026-05-01' } }, { as: GRASSROOTS })).toMatchObject({ ok: false, error: { code: 'wishes.bad_date' } });
    const closed = await newHousehold();
    await env.store.update('hardship_households', { _id: closed._id }, { $set: { status: 'closed' } });
    expect(await env.call('wishes', 'collect', { householdId: closed._id, form: WISH_FORM }, { as: GRASSROOTS })).toMatchObject({ ok: false, error: { code: 'wishes.not_archived' } });
    // A worker without an archived household cannot file one for themself.
    expect(await env.call('wishes', 'collect', { form: WISH_FORM }, { as: 'demo-worker' })).toMatchObject({ ok: false, error: { code: 'wishes.not_archived' } });
    // Staff of another union do not see the household at all.
    expect(await env.call('wishes', 'collect', { householdId: household._id, form: WISH_FORM }, { as: 'demo-staff-town' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('a household has at most the configured wishes a year; a rejected one gives its place back', async () => {
    const h = await newHousehold();
    const a = await collected(h);
    await collected(h, { title: '一台电视机', valueYuan: 400 });
    expect(await env.call('wishes', 'collect', { householdId: h._id, form: { ...WISH_FORM, title: '微波炉' } }, { as: GRASSROOTS })).toMatchObject({ ok: false, error: { code: 'wishes.year_limit' } });
    const list = await env.ok<{ items: { id: string; allowance: { used: number; max: number } }[] }>('wishes', 'households', {}, { as: GRASSROOTS });
    expect(list.items.find((i) => i.id === h._id)?.allowance).toEqual({ year: 2026, used: 2, max: 2 });
    const rejected = await env.ok<Answer>('wishes', 'vet', { wishId: a.id, decision: 'reject', reason: '已由民政部门解决' }, { as: county.openid });
    expect(rejected.wish.status).toBe('rejected');
    expect((await collected(h, { title: '微波炉', valueYuan: 300 })).status).toBe('submitted');
  });

  it('the archived worker files their own wish; the collector is told the vetting result', async () => {
    const me = await env.addUser({ orgId: 'gu_jx_daqiao_park', name: '钱小梅', idNumber: makeTestIdNumber(69_004, 1972) });
    const h = await newHousehold(undefined, me);
    const w = (await env.ok<Answer>('wishes', 'collect', { form: { ...WISH_FORM, title: '一辆自行车', category: 'mobility', valueYuan: 350 } }, { as: me.openid })).wish;
    expect(w).toMatchObject({ viewer: 'household', status: 'submitted' });
    const returned = await env.ok<Answer>('wishes', 'vet', { wishId: w.id, decision: 'return', reason: '请写明需要多大尺寸的自行车' }, { as: county.openid });
    expect(returned.wish.status).toBe('returned');
    expect((await notices(me._id, 'wish_vetted'))[0].title).toContain('一辆自行车');
    const mine = await env.ok<MineOutput>('wishes', 'mine', {}, { as: me.openid });
    expect(mine.household).toMatchObject({ householdId: h._id, wishes: [{ id: w.id, status: 'returned', lastReason: '请写明需要多大尺寸的自行车' }] });
    const again = await env.ok<Answer>('wishes', 'resubmit', { wishId: w.id, form: { ...WISH_FORM, title: '一辆 24 寸自行车', category: 'mobility', valueYuan: 350 } }, { as: me.openid });
    expect(again.wish).toMatchObject({ status: 'submitted', title: '一辆 24 寸自行车' });
    // Nobody vets their own household's wish; the worker cannot vet at all.
    expect(await env.call('wishes', 'vet', { wishId: w.id, decision: 'approve' }, { as: me.openid })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
  });
});

describe('the pool and a claim', () => {
  let w: WishView;
  beforeAll(async () => {
    w = await published(household, { title: '一台微波炉', valueYuan: 300, neededBy: '2026-08-31' });
  });

  it('shows volunteers of the area the wish with a masked surname, an age band and its union — nothing that identifies the household', async () => {
    const pool = await env.ok<{ pools: { id: string; name: string }[]; items: PoolItem[]; total: number }>('wishes', 'pool', { category: 'appliance' }, { as: VOLUNTEER });
    expect(pool.pools.map((p) => p.name)).toEqual(['南湖区总工会', '嘉兴市总工会']);
    const item = pool.items.find((i) => i.id === w.id)!;
    expect(item).toMatchObject({ title: '一台微波炉', valueYuan: 300, surnameMasked: '陈*', ageBand: '60 多岁', unionName: '嘉兴恒通精密机械有限公司工会', own: false, released: false });
    const text = JSON.stringify(pool);
    expect(text).not.toContain(household.name);
    const detail = await env.ok<WishView>('wishes', 'wish', { wishId: w.id }, { as: VOLUNTEER });
    expect(detail).toMatchObject({ viewer: 'volunteer', householdName: null, contact: null, history: [], actions: ['claim'], claimable: { ok: true } });
    expect(JSON.stringify(detail)).not.toMatch(new RegExp(`${household.name}|1395730|hh_`));
    // A volunteer of another county does not see it.
    expect(await env.call('wishes', 'wish', { wishId: w.id }, { as: 'demo-model-provincial' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await env.call('wishes', 'pool', { poolId: 'org_jx_nh' }, { as: 'demo-model-provincial' })).toMatchObject({ ok: false, error: { code: 'wishes.other_area' } });
  });

  it('one volunteer wins; the winner gets the union contact; the union is told', async () => {
    const won = await env.ok<Answer>('wishes', 'claim', { wishId: w.id }, { as: VOLUNTEER });
    expect(won.wish).toMatchObject({ status: 'claimed', viewer: 'claimer', claim: { mine: true }, contact: { orgName: '嘉兴恒通精密机械有限公司工会', people: [{ name: '吴海峰', phone: '13957300104' }] } });
    expect(won.wish.actions).toEqual(expect.arrayContaining(['give_back', 'deliver']));
    expect(won.wish.householdName).toBeNull();
    expect(await env.call('wishes', 'claim', { wishId: w.id }, { as: MODEL })).toMatchObject({ ok: false, error: { code: 'wishes.already_claimed' } });
    const grassroots = await userOf(GRASSROOTS);
    expect((await notices(grassroots._id, 'wish_claimed')).length).toBeGreaterThan(0);
    const pool = await env.ok<{ items: PoolItem[] }>('wishes', 'pool', {}, { as: MODEL });
    expect(pool.items.map((i) => i.id)).not.toContain(w.id);
  });

  it('giving a claim back returns the wish to the pool at once', async () => {
    const back = await env.ok<Answer>('wishes', 'giveBack', { wishId: w.id, reason: '近期出差，无法按时送达' }, { as: VOLUNTEER });
    expect(back.wish.status).toBe('published');
    const pool = await env.ok<{ items: PoolItem[] }>('wishes', 'pool', {}, { as: MODEL });
    expect(pool.items.map((i) => i.id)).toContain(w.id);
    const mine = await env.ok<MineOutput>('wishes', 'mine', {}, { as: VOLUNTEER });
    expect(mine.history.find((c) => c.id === w.id)?.outcome).toBe('已放弃认领');
    expect(mine.claims.map((c) => c.id)).not.toContain(w.id);
  });

  it('delivery needs a photo; the union confirms; the points are credited once, whatever is retried', async () => {
    await env.ok('wishes', 'claim', { wishId: w.id }, { as: MODEL });
    expect(await env.call('wishes', 'deliver', { wishId: w.id, photoIds: [] }, { as: MODEL })).toMatchObject({ ok: false, error: { code: 'validation' } });
    // Another person's photo is not theirs to attach.
    const stranger = await photo(VOLUNTEER);
    expect(await env.call('wishes', 'deliver', { wishId: w.id, photoIds: [stranger] }, { as: MODEL })).toMatchObject({ ok: false, error: { code: 'files.not_yours' } });
    const delivered = await env.ok<Answer>('wishes', 'deliver', { wishId: w.id, photoIds: [await photo(MODEL)], note: '已送到工会' }, { as: MODEL });
    expect(delivered.wish).toMatchObject({ status: 'delivered', delivery: { note: '已送到工会' } });
    expect(delivered.wish.delivery?.photos).toHaveLength(1);
    const grassroots = await userOf(GRASSROOTS);
    expect((await notices(grassroots._id, 'wish_delivered')).length).toBe(1);
    // The volunteer cannot confirm their own delivery.
    expect(await env.call('wishes', 'confirm', { wishId: w.id }, { as: MODEL })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    const staffView = await env.ok<WishView>('wishes', 'wish', { wishId: w.id }, { as: GRASSROOTS });
    expect(staffView).toMatchObject({ viewer: 'staff', householdName: household.name });
    expect(staffView.actions).toEqual(expect.arrayContaining(['confirm', 'dispute']));
    const first = await env.call<Answer>('wishes', 'confirm', { wishId: w.id }, { as: GRASSROOTS, requestId: 'confirm-once-1' });
    const replay = await env.call<Answer>('wishes', 'confirm', { wishId: w.id }, { as: GRASSROOTS, requestId: 'confirm-once-1' });
    const again = await env.call('wishes', 'confirm', { wishId: w.id }, { as: GRASSROOTS, requestId: 'confirm-once-2' });
    expect(first).toMatchObject({ ok: true, data: { wish: { status: 'completed', points: 15 } } });
    expect(replay).toEqual(first);
    expect(again).toMatchObject({ ok: false, error: { code: 'wishes.wrong_status' } });
    const model = await userOf(MODEL);
    const points = await env.store.get<PointsDoc>('wish_points', model._id);
    expect(points).toMatchObject({ total: 15, completed: 1, credited: { [w.id]: 15 } });
    expect((await notices(model._id, 'wish_completed'))[0].title).toContain('一台微波炉');
    const mine = await env.ok<MineOutput>('wishes', 'mine', {}, { as: MODEL });
    expect(mine.points).toEqual({ total: 15, completed: 1 });
    expect(mine.claimLimit.open).toBe(0);
  });

  it('the household (or its union) leaves a thank-you the volunteer sees, once', async () => {
    expect(await env.call('wishes', 'thank', { wishId: w.id, text: '谢谢！有空来家里坐，电话 13812345678' }, { as: GRASSROOTS })).toMatchObject({ ok: false, error: { code: 'validation' } });
    await env.ok('wishes', 'thank', { wishId: w.id, text: '谢谢您送来的微波炉，老人热饭方便多了！' }, { as: GRASSROOTS });
    expect(await env.call('wishes', 'thank', { wishId: w.id, text: '再次感谢' }, { as: GRASSROOTS })).toMatchObject({ ok: false, error: { code: 'wishes.already_thanked' } });
    const mine = await env.ok<MineOutput>('wishes', 'mine', {}, { as: MODEL });
    expect(mine.history.find((c) => c.id === w.id)).toMatchObject({ outcome: '已完成，获得 15 志愿积分', thanks: '谢谢您送来的微波炉，老人热饭方便多了！' });
  });
});

describe('disputes, deadlines and stuck wishes', () => {
  it('a dispute sends the wish back to the volunteer with the reason', async () => {
    const w = await published(await newHousehold());
    await env.ok('wishes', 'claim', { wishId: w.id }, { as: VOLUNTEER });
    await env.ok('wishes', 'deliver', { wishId: w.id, photoIds: [await photo(VOLUNTEER)] }, { as: VOLUNTEER });
    const back = await env.ok<Answer>('wishes', 'dispute', { wishId: w.id, reason: '东西还没有送到工会' }, { as: GRASSROOTS });
    expect(back.wish).toMatchObject({ status: 'claimed', lastReason: '东西还没有送到工会' });
    const volunteer = await userOf(VOLUNTEER);
    expect((await notices(volunteer._id, 'wish_disputed')).length).toBe(1);
    const again = await env.ok<Answer>('wishes', 'deliver', { wishId: w.id, photoIds: [await photo(VOLUNTEER)] }, { as: VOLUNTEER });
    expect(again.wish.status).toBe('delivered');
  });

  it('reminds before the deadline (once), releases when it passes, and staff see it stuck and may fulfil it', async () => {
    const w = await published(await newHousehold(), { title: '一台燃气灶', valueYuan: 260, neededBy: '2026-08-31' });
    const claimed = await env.ok<Answer>('wishes', 'claim', { wishId: w.id }, { as: VOLUNTEER });
    const due = Date.parse(claimed.wish.claim!.dueAt);
    expect(due - env.clock.now.getTime()).toBe(14 * 86_400_000);
    const volunteer = await userOf(VOLUNTEER);
    env.clock.set(new Date(due - 2 * 86_400_000 + 60_000).toISOString());
    await env.ok('wishes', 'sweep', {});
    await env.ok('wishes', 'sweep', {});
    expect((await notices(volunteer._id, 'wish_expiring')).filter((x) => x._id.includes(w.id))).toHaveLength(1);
    // Past the deadline: a late delivery is refused (and releases it lazily); the wish is back in the pool, marked.
    env.clock.set(new Date(due + 1000).toISOString());
    expect(await env.call('wishes', 'deliver', { wishId: w.id, photoIds: [await photo(VOLUNTEER)] }, { as: VOLUNTEER })).toMatchObject({ ok: false, error: { code: 'wishes.claim_expired' } });
    const after = await doc(w.id);
    expect(after).toMatchObject({ status: 'published', releases: 1, claim: null, volunteerId: null });
    expect((await notices(volunteer._id, 'wish_released')).length).toBeGreaterThan(0);
    const pool = await env.ok<{ items: PoolItem[] }>('wishes', 'pool', {}, { as: MODEL });
    expect(pool.items.find((i) => i.id === w.id)?.released).toBe(true);
    const stuck = await env.ok<{ items: { id: string; stuckReason: string | null; actions: string[] }[] }>('wishes', 'staffList', { view: 'stuck' }, { as: GRASSROOTS });
    const item = stuck.items.find((i) => i.id === w.id)!;
    expect(item.stuckReason).toMatch(/超过送达期限/);
    expect(item.actions).toContain('fulfil');
    const done = await env.ok<Answer>('wishes', 'fulfil', { wishId: w.id, reason: '工会出资购买并送达' }, { as: GRASSROOTS });
    expect(done.wish).toMatchObject({ status: 'completed', fulfilledBy: 'union' });
    env.clock.set('2026-06-01T02:00:00.000Z');
  });

  it('the sweep releases every claim past its deadline; no wish stays claimed past it', async () => {
    const ws = [await published(await newHousehold()), await published(await newHousehold())];
    for (const w of ws) await env.ok('wishes', 'claim', { wishId: w.id }, { as: MODEL });
    env.clock.advance(15 * 86_400_000);
    const r = await env.ok<{ released: number }>('wishes', 'sweep', {});
    expect(r.released).toBeGreaterThanOrEqual(2);
    expect(await env.store.count('wishes', { status: 'claimed', claimDueAt: { $lte: env.clock.now.toISOString() } })).toBe(0);
    const model = await userOf(MODEL);
    const quota = await env.store.get<{ _id: string; left: number; capacity: number; held: object }>('wish_volunteers', model._id);
    expect(quota!.held).toEqual({});
    env.clock.set('2026-06-01T02:00:00.000Z');
  });

  it('a read never fails because of the release it does on the side: a refused write is left to the next pass', async () => {
    const w = await published(await newHousehold());
    await env.ok('wishes', 'claim', { wishId: w.id }, { as: MODEL });
    env.clock.advance(15 * 86_400_000);
    const update = env.store.update.bind(env.store);
    const refuse = jest.spyOn(env.store, 'update').mockImplementation(async (collection, filter, change, options) => {
      if (collection === 'wishes') throw new StoreError('conflict', 'WriteConflict error: this operation conflicted with another operation');
      return update(collection, filter, change, options);
    });
    try {
      expect((await env.ok<WishView>('wishes', 'wish', { wishId: w.id }, { as: MODEL })).status).toBe('claimed');
      expect(await env.call('wishes', 'mine', {}, { as: MODEL })).toMatchObject({ ok: true });
      expect(await env.call('wishes', 'pool', { limit: 20, offset: 0 }, { as: VOLUNTEER })).toMatchObject({ ok: true });
    } finally {
      refuse.mockRestore();
    }
    // The next pass releases it.
    expect((await env.ok<WishView>('wishes', 'wish', { wishId: w.id }, { as: MODEL })).status).toBe('published');
    env.clock.set('2026-06-01T02:00:00.000Z');
  });

  it('a volunteer holds at most the configured open claims', async () => {
    const v = await env.addUser({ orgId: 'gu_jx_daqiao_park', roles: ['worker', 'volunteer'], idNumber: makeTestIdNumber(69_100, 1985) });
    const ws = [];
    for (let i = 0; i < 4; i++) ws.push(await published(await newHousehold()));
    for (const w of ws.slice(0, 3)) await env.ok('wishes', 'claim', { wishId: w.id }, { as: v.openid });
    expect(await env.call('wishes', 'claim', { wishId: ws[3].id }, { as: v.openid })).toMatchObject({ ok: false, error: { code: 'wishes.claim_limit' } });
    const tile = await env.ok<{ openClaims: number; nextDueAt: string }>('wishes', 'tile', {}, { as: v.openid });
    expect(tile.openClaims).toBe(3);
    await env.ok('wishes', 'giveBack', { wishId: ws[0].id, reason: '时间冲突' }, { as: v.openid });
    expect((await env.call('wishes', 'claim', { wishId: ws[3].id }, { as: v.openid })).ok).toBe(true);
  });
});

describe('staff tools and the wall', () => {
  it('policies are set at county level and above, and apply below', async () => {
    const policy = (await env.ok<{ policy: object }>('wishes', 'policy', { orgId: 'org_jx_nh' }, { as: county.openid })).policy;
    expect(policy).toMatchObject({ maxValueYuan: 500, maxOpenClaims: 3, claimDays: 14 });
    const saved = await env.ok<{ fromOrgId: string; policy: { maxValueYuan: number } }>('wishes', 'savePolicy', { orgId: 'org_jx_nh', policy: { ...policy, maxValueYuan: 800 } }, { as: county.openid });
    expect(saved).toMatchObject({ fromOrgId: 'org_jx_nh', policy: { maxValueYuan: 800 } });
    expect((await collected(await newHousehold(), { valueYuan: 700 })).status).toBe('submitted');
    expect(await env.call('wishes', 'savePolicy', { orgId: 'org_jx_nh', policy }, { as: 'demo-staff-town' })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    await env.ok('wishes', 'savePolicy', { orgId: 'org_jx_nh', policy }, { as: county.openid });
  });

  it('the ranking shows the subtree’s volunteers by points, and exports to Excel', async () => {
    const r = await env.ok<{ rows: { name: string; points: number }[] }>('wishes', 'ranking', {}, { as: 'demo-staff-city' });
    expect(r.rows.find((x) => x.name === '孙建国')).toMatchObject({ points: 15 });
    expect(r.rows.map((x) => x.points)).toEqual([...r.rows.map((x) => x.points)].sort((a, b) => b - a));
    const out = await env.ok<{ fileName: string; contentBase64: string; rows: number }>('wishes', 'exportRanking', {}, { as: 'demo-staff-city' });
    expect(out.fileName).toMatch(/志愿积分排行.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(out.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets[0].getRow(2).getCell(2).value).toBe(r.rows[0].name);
    // 嘉善's staff do not see 南湖's volunteers.
    const other = await env.ok<{ rows: { name: string }[] }>('wishes', 'ranking', {}, { as: 'demo-staff-county' });
    expect(other.rows.map((x) => x.name)).not.toContain('孙建国');
  });

  it('the wall counts per area and shows completed wishes with masked names', async () => {
    await env.ok('wishes', 'sweep', {});
    const wall = await env.ok<{ areas: { name: string; published: number; completed: number }[]; feed: { title: string; surnameMasked: string; volunteerNameMasked: string }[] }>('wishes', 'wall', {}, { as: null });
    const nanhu = wall.areas.find((a) => a.name === '南湖区总工会')!;
    expect(nanhu.completed).toBeGreaterThanOrEqual(2);
    expect(wall.feed.find((f) => f.title === '一台微波炉')).toMatchObject({ surnameMasked: '陈*', volunteerNameMasked: '孙*国' });
    expect(JSON.stringify(wall)).not.toContain(household.name);
  });
});
