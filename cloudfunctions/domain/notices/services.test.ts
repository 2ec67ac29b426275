/**
 * Notices of 困难帮扶 and 微心愿, as the trips and green-card ones are tested (notices.test.ts): every event reaches the
 * right person once — in the message centre, and as a subscribe message with the template its kind names when the
 * person subscribed — and notices to others carry no name, ID or illness.
 */
import { NOTICE_KINDS, SUBSCRIBE_TEMPLATES, kindSpec } from '../../../types/notice-templates';
import { NOTICES, type NoticeDoc } from '../../core/notices';
import { subscribeMessageOf } from '../../core/subscribe';
import type { UserDoc } from '../../core/users';
import { createTestEnv, makeTestIdNumber, type TestEnv } from '../../testing/harness';
import { COUNTY, TOWN, UNION, caseAt, payment, world, type World } from '../hardship/testkit';
import type { CaseSummary } from '../../../types/hardship.schema';
import { localDateOf } from '../../../types/time';
import { archiveHousehold, insertWish, wishDocIn } from '../wishes/testkit';
import type { WishDoc } from '../wishes/model';
import { WISH_NOTICE_KINDS } from '../wishes/notices';

let env: TestEnv;
let seq = 0;

beforeEach(async () => {
  env = await createTestEnv();
  env.wechat.reset();
});

async function all(): Promise<NoticeDoc[]> {
  return env.store.find<NoticeDoc>(NOTICES, {}, { sort: { at: 1 }, limit: 1000 });
}

/** What one step told: the notices written since `before`, as `kind → people`. */
async function toldSince(before: Set<string>): Promise<NoticeDoc[]> {
  return (await all()).filter((n) => !before.has(n._id));
}
const ids = async () => new Set((await all()).map((n) => n._id));

async function step(work: () => Promise<unknown>): Promise<NoticeDoc[]> {
  const before = await ids();
  await work();
  return toldSince(before);
}

async function photo(as: string): Promise<string> {
  const t = await env.ok<{ fileId: string }>('files', 'startUpload', { purpose: 'delivery_photo', name: '送达.jpg', mime: 'image/jpeg', size: 2048 }, { as });
  await env.ok('files', 'finishUpload', { fileId: t.fileId, cloudFileId: `cloud://env.bucket/uploads/${t.fileId}.jpg` }, { as });
  return t.fileId;
}

/** A timer's pass also moves the demo data: only the notices about this record (its source names it). */
const about = (ns: NoticeDoc[], id: string) => ns.filter((n) => n.source.includes(id));
const who = (ns: NoticeDoc[]) => ns.map((n) => `${n.kind}→${n.userId}`).sort();

describe('困难帮扶: every step tells the person (and the filer) once; the staff hear of what is theirs to do', () => {
  it('filed, verified, forwarded, decided (approved and 公示), 公示 ended, paid, archived — each once to the worker', async () => {
    const w = await world(env);
    const me = w.worker._id;
    await env.ok('notices', 'reportSubscriptions', { results: [{ template: 'review_result', result: 'accept' }, { template: 'progress', result: 'accept' }] }, { as: w.worker.openid });
    let id = '';
    const filed = await step(async () => {
      id = (await env.ok<{ case: CaseSummary }>('hardship', 'file', { form: (await import('../hardship/testkit')).formWith() }, { as: w.worker.openid })).case.id;
    });
    expect(who(filed)).toEqual([`hardship_step→${me}`]);
    expect(who(await step(() => env.ok('hardship', 'verify', { caseId: id, visit: { visitedOn: localDateOf(env.clock.now), visitors: ['陆美芳', '沈佳慧'], findings: '入户核实，情况属实。', attestation: 'applicant_signed', photoIds: [] } }, { as: w.grassroots.openid })))).toEqual([`hardship_step→${me}`]);
    expect(who(await step(() => env.ok('hardship', 'forward', { caseId: id, incomeCheck: { checkedOn: localDateOf(env.clock.now), outcome: 'consistent' } }, { as: TOWN })))).toEqual([`hardship_step→${me}`]);
    const decided = await step(() => env.ok('hardship', 'decide', { caseId: id, category: 'relative', awards: [{ aidKind: 'medical', amount: 10000 }] }, { as: COUNTY }));
    expect(who(decided)).toEqual([`hardship_approved→${me}`, `hardship_notice→${me}`]);
    const approved = decided.find((n) => n.kind === 'hardship_approved')!;
    expect(approved.body).toContain('10000 元');
    // The approval went out as 审核结果通知 with its outcome; the 公示 as 办理进度通知.
    expect(approved.push).toBe('sent');
    expect(subscribeMessageOf(approved)!.data).toMatchObject({ thing1: { value: '困难帮扶申请' }, phrase2: { value: '已批准' } });
    env.clock.advance(10 * 86_400_000);
    expect(who(about(await step(() => env.ok('hardship', 'recover', {}, { as: null })), id))).toEqual([`hardship_step→${me}`]);
    const paid = await step(() => env.ok('hardship', 'recordPayments', { payments: [payment(env, id)] }, { as: COUNTY }));
    expect(who(paid)).toEqual([`hardship_paid→${me}`]);
    expect(subscribeMessageOf(paid[0])!.data).toMatchObject({ phrase2: { value: '已发放' } });
    expect(who(await step(() => env.ok('hardship', 'archive', { caseId: id }, { as: COUNTY })))).toEqual([`hardship_step→${me}`]);
    // A retry of any of these writes nothing more.
    expect(who(about(await step(() => env.ok('hardship', 'recover', {}, { as: null })), id))).toEqual([]);
  });

  it('returned (what is missing), rejected, closed: once to the worker', async () => {
    const w = await world(env);
    const id = await caseAt(env, w, 'town');
    const returned = await step(() => env.ok('hardship', 'returnCase', { caseId: id, reason: '请补充票据', missing: ['medical_receipts'] }, { as: TOWN }));
    expect(who(returned)).toEqual([`hardship_returned→${w.worker._id}`]);
    expect(returned[0].body).toContain('自付医疗费用票据');
    expect(kindSpec('hardship_returned').template).toBe('review_result');
    expect(subscribeMessageOf(returned[0])!.data.phrase2.value).toBe('退回补充');

    const w2 = await world(env);
    const id2 = await caseAt(env, w2, 'county');
    expect(who(await step(() => env.ok('hardship', 'reject', { caseId: id2, reason: '家庭收入超过标准' }, { as: COUNTY })))).toEqual([`hardship_rejected→${w2.worker._id}`]);

    // 临时救助: paid, then closed without archiving.
    const w3 = await world(env);
    const id3 = await caseAt(env, w3, 'paid');
    expect(who(await step(() => env.ok('hardship', 'closeCase', { caseId: id3 }, { as: COUNTY })))).toEqual([`hardship_step→${w3.worker._id}`]);
  });

  it('the grassroots union hears once when a case is dispatched to it, sent back to it, or a 催办 arrives — without the person’s name or ID', async () => {
    const w = await world(env);
    const staff = w.grassroots._id;
    const idNumber = makeTestIdNumber(75_001, 1968);
    const dispatched = await step(() => env.ok('hardship', 'dispatch', { rows: [{ name: '赵大伯', idNumber, phone: '13900000001', orgId: UNION, reason: '走访发现家庭困难' }], aidKinds: ['living'], dueOn: '2026-06-20' }, { as: TOWN }));
    expect(who(dispatched).filter((x) => x.startsWith('hardship_dispatched'))).toEqual([`hardship_dispatched→${staff}`]);
    const d = dispatched.find((n) => n.kind === 'hardship_dispatched')!;
    expect(`${d.title}${d.body}${JSON.stringify(d.fields)}`).not.toMatch(/赵|大伯|\d{17}[\dX]/);
    expect(kindSpec(d.kind).template).toBe('task_reminder');

    const id = await caseAt(env, w, 'county');
    const back = await step(() => env.ok('hardship', 'sendBack', { caseId: id, toStep: 0, reason: '请补充走访照片' }, { as: COUNTY }));
    expect(who(back)).toEqual([`hardship_sent_back→${staff}`]);
    expect(back[0].body).not.toContain('王小明');
    const reminded = await step(() => env.ok('hardship', 'remind', { caseId: id, note: '请尽快办理' }, { as: COUNTY }));
    expect(who(reminded)).toEqual([`hardship_remind→${staff}`]);
    expect(reminded[0].body).toMatch(/编号 BF\d{8}/);
  });

  it('a re-check due tells the archived person once, however often the timer looks', async () => {
    const w: World = await world(env);
    const id = await caseAt(env, w, 'paid');
    await env.ok('hardship', 'archive', { caseId: id }, { as: COUNTY });
    env.clock.advance(350 * 86_400_000);
    const first = await step(() => env.ok('hardship', 'recover', {}, { as: null }));
    expect(who(first.filter((n) => n.userId === w.worker._id))).toEqual([`hardship_recheck→${w.worker._id}`]);
    expect(kindSpec('hardship_recheck').template).toBe('expiry_reminder');
    expect(who((await step(() => env.ok('hardship', 'recover', {}, { as: null }))).filter((n) => n.userId === w.worker._id))).toEqual([]);
  });
});

describe('微心愿: the household, the volunteer and the union staff each hear what concerns them, once', () => {
  async function setup() {
    const householdUser = await env.addUser({ orgId: 'gu_jx_hengtong', name: '马建国', idNumber: makeTestIdNumber(76_000 + ++seq, 1956) });
    const h = await archiveHousehold(env.store, env.secrets.idHashKey, { user: householdUser }, env.clock.now.toISOString());
    const volunteer = await env.addUser({ orgId: 'gu_jx_daqiao_park', roles: ['worker', 'volunteer'], idNumber: makeTestIdNumber(77_000 + ++seq, 1985) });
    const w = await insertWish(env.store, await wishDocIn(env.store, h, 'published', env.clock.now.toISOString(), { id: `w_n_${++seq}` }));
    return { householdUser, volunteer, w };
  }
  const staffOf = (w: WishDoc) => w.unionStaffIds;

  it('claimed → the union staff and the household; delivered → both to confirm; confirmed → the volunteer with points; thanked → the volunteer', async () => {
    const { householdUser, volunteer, w } = await setup();
    expect(staffOf(w).length).toBeGreaterThan(0);
    const claimed = await step(() => env.ok('wishes', 'claim', { wishId: w._id }, { as: volunteer.openid }));
    expect(who(claimed)).toEqual([...staffOf(w).map((u) => `wish_claimed→${u}`), `wish_claimed→${householdUser._id}`].sort());
    // Notices to others name the household by its masked surname only.
    for (const n of claimed.filter((x) => x.userId !== householdUser._id)) expect(n.body).not.toContain('马建国');
    expect(subscribeMessageOf(claimed[0])!.data).toMatchObject({ phrase2: { value: '已认领' } });

    const delivered = await step(async () => env.ok('wishes', 'deliver', { wishId: w._id, photoIds: [await photo(volunteer.openid)], note: '已送到家中' }, { as: volunteer.openid }));
    expect(who(delivered)).toEqual([...staffOf(w).map((u) => `wish_delivered→${u}`), `wish_delivered→${householdUser._id}`].sort());
    const confirmed = await step(() => env.ok('wishes', 'confirm', { wishId: w._id }, { as: householdUser.openid }));
    expect(who(confirmed)).toEqual([`wish_completed→${volunteer._id}`]);
    expect(confirmed[0].body).toMatch(/获得 \d+ 志愿积分/);
    expect(who(await step(() => env.ok('wishes', 'thank', { wishId: w._id, text: '谢谢你送来的洗衣机' }, { as: householdUser.openid })))).toEqual([`wish_thanked→${volunteer._id}`]);
  });

  it('disputed → the volunteer; given back → the union staff; a claim about to expire → the volunteer once; released → the volunteer and (stuck) the union staff', async () => {
    const { householdUser, volunteer, w } = await setup();
    await env.ok('wishes', 'claim', { wishId: w._id }, { as: volunteer.openid });
    await env.ok('wishes', 'deliver', { wishId: w._id, photoIds: [await photo(volunteer.openid)], note: '已送到' }, { as: volunteer.openid });
    expect(who(await step(() => env.ok('wishes', 'dispute', { wishId: w._id, reason: '家里说还没收到' }, { as: householdUser.openid })))).toEqual([`wish_disputed→${volunteer._id}`]);
    const given = await step(() => env.ok('wishes', 'giveBack', { wishId: w._id, reason: '临时出差，无法送达' }, { as: volunteer.openid }));
    expect(who(given)).toEqual(staffOf(w).map((u) => `wish_given_back→${u}`).sort());

    const other = await env.addUser({ orgId: 'gu_jx_daqiao_park', roles: ['worker', 'volunteer'], idNumber: makeTestIdNumber(78_123, 1986) });
    await env.ok('wishes', 'claim', { wishId: w._id }, { as: other.openid });
    const due = (await env.store.get<WishDoc>('wishes', w._id))!.claimDueAt!;
    env.clock.set(new Date(Date.parse(due) - 2 * 86_400_000).toISOString());
    const reminded = about(await step(() => env.ok('wishes', 'sweep', {}, { as: null })), w._id);
    expect(who(reminded)).toEqual([`wish_expiring→${other._id}`]);
    expect(kindSpec('wish_expiring').template).toBe('expiry_reminder');
    expect(who(about(await step(() => env.ok('wishes', 'sweep', {}, { as: null })), w._id))).toEqual([]);
    env.clock.set(new Date(Date.parse(due) + 60_000).toISOString());
    const released = about(await step(() => env.ok('wishes', 'sweep', {}, { as: null })), w._id);
    expect(who(released)).toEqual([`wish_released→${other._id}`, ...staffOf(w).map((u) => `wish_stuck→${u}`)].sort());
    expect(kindSpec('wish_stuck').template).toBe('task_reminder');
    expect(who(about(await step(() => env.ok('wishes', 'sweep', {}, { as: null })), w._id))).toEqual([]);
  });

  it('vetted (approve / return) → the collector and the household; fulfilled by the union → the household', async () => {
    const householdUser: UserDoc = await env.addUser({ orgId: 'gu_jx_hengtong', name: '钱阿婆', idNumber: makeTestIdNumber(79_500, 1950) });
    const h = await archiveHousehold(env.store, env.secrets.idHashKey, { user: householdUser }, env.clock.now.toISOString());
    const w = await insertWish(env.store, await wishDocIn(env.store, h, 'submitted', env.clock.now.toISOString(), { id: 'w_n_vet' }));
    const returned = await step(() => env.ok('wishes', 'vet', { wishId: w._id, decision: 'return', reason: '请写明尺寸' }, { as: 'demo-staff-city' }));
    expect(who(returned)).toEqual([...new Set([w.collectedBy, householdUser._id])].map((u) => `wish_vetted→${u}`).sort());
    expect(subscribeMessageOf(returned[0])!.data).toMatchObject({ phrase2: { value: '退回修改' } });
    const p = await insertWish(env.store, await wishDocIn(env.store, h, 'published', env.clock.now.toISOString(), { id: 'w_n_fulfil' }));
    expect(who(await step(() => env.ok('wishes', 'fulfil', { wishId: p._id, reason: '工会直接采购送达' }, { as: 'demo-staff-city' })))).toEqual([`wish_fulfilled→${householdUser._id}`]);
  });
});

describe('templates', () => {
  it('every hardship and wishes kind names a template whose fields it fills from its sources', () => {
    const kinds = [...WISH_NOTICE_KINDS, 'hardship_step', 'hardship_returned', 'hardship_approved', 'hardship_rejected', 'hardship_notice', 'hardship_paid', 'hardship_recheck', 'hardship_remind', 'hardship_dispatched', 'hardship_sent_back'];
    for (const kind of kinds) {
      expect({ kind, listed: Object.prototype.hasOwnProperty.call(NOTICE_KINDS, kind) }).toEqual({ kind, listed: true });
      const template = kindSpec(kind).template!;
      expect(SUBSCRIBE_TEMPLATES[template]).toBeDefined();
    }
  });
});
