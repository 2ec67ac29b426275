/**
 * The crash-injection suite (kept for every feature): for each multi-step mutating action, the process dies after its
 * k-th store write, for every k until the action completes; then the recovery pass runs (every timer action: what a
 * timer trigger would run within minutes) and the invariants must hold again; then a retry with the same requestId
 * must give a correct answer, and the invariants still hold. On the embedded store, and through the CloudBase
 * adapter and the real SDK to the local emulator (a proportionate subset there: every write is an HTTP round trip).
 */
import { keepSdkOffline, startEmulator } from '../scripts/emulator';
import type { ActionSpec } from '../types/contract';
import { registry, type FunctionName } from '../types/registry';
import type { Result } from '../types/result';
import { randomBytes } from 'node:crypto';
import type { CodesOutput } from '../types/greencard.schema';
import { windowOf } from '../types/greencard.code';
import { addLocalDays, localDateOf } from '../types/time';
import { FORM, STAFF, publishedTrip } from './domain/trips/testkit';
import { COUNTY, INCOME_CHECK, TOWN, UNION, caseAt, fastAt, formWith, payment, uploaded, visitOn, world } from './domain/hardship/testkit';
import { DEFAULT_CONFIG } from '../types/hardship.rules';
import { CloudbaseStore } from './core/store/cloudbase';
import { EmbeddedStore } from './core/store/embedded';
import type { Store } from './core/store/port';
import { CrashingStore, invariants } from './testing/crash';
import { WISH_FORM, archiveHousehold } from './domain/wishes/testkit';
import { createTestEnv, makeTestIdNumber, type TestEnv } from './testing/harness';

keepSdkOffline();

interface Scenario {
  name: string;
  fn: FunctionName;
  action: string;
  /** Prepares fresh records (the env is shared by the runs of one scenario) and answers the call to make. */
  setup(env: TestEnv): Promise<{ as: string | null; data: unknown }>;
  /** What a correct answer looks like (checked on the uncrashed run and on every retry; k: writes before the crash). */
  expect: (r: Result<unknown>, k: number) => void;
  /** Run through the CloudBase adapter too. */
  cloudbase?: boolean;
}

const SECRETS = { SECRET_GREENCARD_SIGNING_KEYS: JSON.stringify([{ kid: 'k2026c', privateKey: randomBytes(32).toString('base64') }]) };

/** The holder's code for the current minute, as the phone would show it. */
async function currentCode(env: TestEnv, holder: string): Promise<string> {
  const c = await env.ok<CodesOutput>('greencard', 'myCodes', {}, { as: holder });
  return c.codes.find((x) => x.w === windowOf(env.clock.now.getTime()))!.c;
}

const okWith = (match: object) => (r: Result<unknown>) => {
  if (!r.ok) throw new Error(`expected success, got ${r.error.code}: ${r.error.message}`);
  expect(r.data).toMatchObject(match);
};

let people = 0;
const person = (env: TestEnv, extra: Parameters<TestEnv['addUser']>[0] = {}) => env.addUser({ orgId: 'gu_jx_hengtong', idNumber: makeTestIdNumber(20_000 + ++people, 1976), ...extra });

async function queued(env: TestEnv, places: number, count: number, over: Parameters<typeof publishedTrip>[1] = {}) {
  const t = await publishedTrip(env, { rules: { audience: 'all', onePerYear: false }, sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places }], ...over });
  const crowd = [];
  for (let i = 0; i < count; i++) {
    const u = await person(env);
    // Everyone accepted the offer and result messages: the changes' prompt sends go through the sender (and crash).
    await env.ok('notices', 'reportSubscriptions', { results: [{ template: 'place_offer', result: 'accept' }, { template: 'review_result', result: 'accept' }] }, { as: u.openid });
    const r = await env.ok<{ signup: { id: string; status: string } }>('trips', 'signUp', { ...t, form: FORM }, { as: u.openid });
    crowd.push({ user: u, signupId: r.signup.id, status: r.signup.status });
  }
  return { ...t, crowd };
}


// ---- 微心愿: a fresh household's wish driven to a state through the real actions.
const COLLECTOR = 'demo-staff-grassroots';
const VETTER = 'demo-staff-city';
type WishState = 'submitted' | 'returned' | 'published' | 'claimed' | 'delivered' | 'completed';

/** The test wish, needed a month from the suite's clock (earlier scenarios move it on by weeks). */
const wishForm = (env: TestEnv) => ({ ...WISH_FORM, neededBy: addLocalDays(localDateOf(env.clock.now), 30) });

async function wishIn(env: TestEnv, state: WishState): Promise<{ wishId: string; volunteer: string }> {
  const household = await archiveHousehold(env.store, env.secrets.idHashKey, { name: '崩溃测试户', idNumber: makeTestIdNumber(80_000 + ++people, 1958), orgId: 'gu_jx_hengtong' }, env.clock.now.toISOString());
  const volunteer = (await person(env, { roles: ['worker', 'volunteer'] })).openid;
  const w = await env.ok<{ wish: { id: string } }>('wishes', 'collect', { householdId: household._id, form: wishForm(env) }, { as: COLLECTOR });
  const wishId = w.wish.id;
  if (state === 'submitted') return { wishId, volunteer };
  if (state === 'returned') {
    await env.ok('wishes', 'vet', { wishId, decision: 'return', reason: '请补充说明' }, { as: VETTER });
    return { wishId, volunteer };
  }
  await env.ok('wishes', 'vet', { wishId, decision: 'approve' }, { as: VETTER });
  if (state === 'published') return { wishId, volunteer };
  await env.ok('wishes', 'claim', { wishId }, { as: volunteer });
  if (state === 'claimed') return { wishId, volunteer };
  await env.ok('wishes', 'deliver', { wishId, photoIds: [await deliveryPhoto(env, volunteer)] }, { as: volunteer });
  if (state === 'delivered') return { wishId, volunteer };
  await env.ok('wishes', 'confirm', { wishId }, { as: COLLECTOR });
  return { wishId, volunteer };
}

async function deliveryPhoto(env: TestEnv, as: string): Promise<string> {
  const t = await env.ok<{ fileId: string }>('files', 'startUpload', { purpose: 'delivery_photo', name: '送达.jpg', mime: 'image/jpeg', size: 4096 }, { as });
  await env.ok('files', 'finishUpload', { fileId: t.fileId, cloudFileId: `cloud://env.bucket/uploads/${t.fileId}.jpg` }, { as });
  return t.fileId;
}

const wishIs = (status: string) => okWith({ wish: { status } });

const WISH_SCENARIOS: Scenario[] = [
  {
    name: 'wishes.collect', fn: 'wishes', action: 'collect',
    setup: async (env) => {
      const household = await archiveHousehold(env.store, env.secrets.idHashKey, { name: '崩溃测试户', idNumber: makeTestIdNumber(80_000 + ++people, 1958), orgId: 'gu_jx_hengtong' }, env.clock.now.toISOString());
      return { as: COLLECTOR, data: { householdId: household._id, form: wishForm(env) } };
    },
    expect: wishIs('submitted'),
  },
  {
    name: 'wishes.resubmit', fn: 'wishes', action: 'resubmit',
    setup: async (env) => ({ as: COLLECTOR, data: { wishId: (await wishIn(env, 'returned')).wishId, form: { ...WISH_FORM, title: '一台小洗衣机' } } }),
    expect: wishIs('submitted'),
  },
  {
    name: 'wishes.withdraw gives the year’s place back', fn: 'wishes', action: 'withdraw',
    setup: async (env) => ({ as: COLLECTOR, data: { wishId: (await wishIn(env, 'published')).wishId, reason: '家里已自行解决' } }),
    expect: wishIs('withdrawn'),
  },
  ...(['approve', 'return', 'reject'] as const).map((decision): Scenario => ({
    name: `wishes.vet (${decision})`, fn: 'wishes', action: 'vet',
    setup: async (env) => ({ as: VETTER, data: { wishId: (await wishIn(env, 'submitted')).wishId, decision, ...(decision === 'approve' ? {} : { reason: '请补充说明' }) } }),
    expect: wishIs({ approve: 'published', return: 'returned', reject: 'rejected' }[decision]),
  })),
  {
    name: 'wishes.claim', fn: 'wishes', action: 'claim', cloudbase: true,
    setup: async (env) => {
      const w = await wishIn(env, 'published');
      return { as: w.volunteer, data: { wishId: w.wishId } };
    },
    expect: wishIs('claimed'),
  },
  {
    name: 'wishes.giveBack', fn: 'wishes', action: 'giveBack', cloudbase: true,
    setup: async (env) => {
      const w = await wishIn(env, 'claimed');
      return { as: w.volunteer, data: { wishId: w.wishId, reason: '临时出差' } };
    },
    expect: wishIs('published'),
  },
  {
    name: 'wishes.deliver', fn: 'wishes', action: 'deliver', cloudbase: true,
    setup: async (env) => {
      const w = await wishIn(env, 'claimed');
      return { as: w.volunteer, data: { wishId: w.wishId, photoIds: [await deliveryPhoto(env, w.volunteer)] } };
    },
    expect: wishIs('delivered'),
  },
  {
    name: 'wishes.confirm credits the points once', fn: 'wishes', action: 'confirm', cloudbase: true,
    setup: async (env) => ({ as: COLLECTOR, data: { wishId: (await wishIn(env, 'delivered')).wishId } }),
    expect: okWith({ wish: { status: 'completed', points: 20 } }),
  },
  {
    name: 'wishes.dispute', fn: 'wishes', action: 'dispute',
    setup: async (env) => ({ as: COLLECTOR, data: { wishId: (await wishIn(env, 'delivered')).wishId, reason: '还没有收到' } }),
    expect: wishIs('claimed'),
  },
  {
    name: 'wishes.thank', fn: 'wishes', action: 'thank',
    setup: async (env) => ({ as: COLLECTOR, data: { wishId: (await wishIn(env, 'completed')).wishId, text: '谢谢您！' } }),
    expect: wishIs('completed'),
  },
  {
    name: 'wishes.fulfil', fn: 'wishes', action: 'fulfil',
    setup: async (env) => ({ as: COLLECTOR, data: { wishId: (await wishIn(env, 'published')).wishId, reason: '工会出资购买' } }),
    expect: okWith({ wish: { status: 'completed', fulfilledBy: 'union' } }),
  },
  {
    name: 'wishes.savePolicy', fn: 'wishes', action: 'savePolicy',
    setup: async () => ({ as: VETTER, data: { orgId: 'org_jx', policy: { ...(registry.wishes.savePolicy.example as { policy: object }).policy, claimDays: 10 + (++people % 5) } } }),
    expect: okWith({ canEdit: true }),
  },
  {
    name: 'wishes.sweep releasing claims past their deadline, itself interrupted', fn: 'wishes', action: 'sweep',
    setup: async (env) => {
      for (let i = 0; i < 2; i++) {
        const { wishId } = await wishIn(env, 'claimed');
        const past = new Date(env.clock.now.getTime() - 60_000).toISOString();
        await env.store.update('wishes', { _id: wishId }, { $set: { claimDueAt: past, 'claim.dueAt': past } });
      }
      return { as: STAFF, data: {} };
    },
    expect: (r) => expect(r.ok ? 'ok' : r.error).toBe('ok'),
  },
];

const SCENARIOS: Scenario[] = [
  {
    name: 'trips.signUp, a place', fn: 'trips', action: 'signUp', cloudbase: true,
    setup: async (env) => ({ as: (await person(env)).openid, data: { ...(await publishedTrip(env)), form: FORM } }),
    expect: okWith({ signup: { status: 'confirmed' } }),
  },
  {
    name: 'trips.signUp, the waiting list', fn: 'trips', action: 'signUp',
    setup: async (env) => {
      const t = await queued(env, 1, 1);
      return { as: (await person(env)).openid, data: { tripId: t.tripId, sessionId: t.sessionId, form: FORM } };
    },
    expect: okWith({ signup: { status: 'waiting' } }),
  },
  {
    name: 'trips.signUp, a lottery application', fn: 'trips', action: 'signUp',
    setup: async (env) => ({ as: (await person(env)).openid, data: { ...(await publishedTrip(env, { mode: 'lottery' })), form: FORM } }),
    expect: okWith({ signup: { status: 'applied' } }),
  },
  {
    name: 'trips.cancel, handing the place on', fn: 'trips', action: 'cancel', cloudbase: true,
    setup: async (env) => {
      const t = await queued(env, 1, 3);
      return { as: t.crowd[0].user.openid, data: { signupId: t.crowd[0].signupId } };
    },
    expect: okWith({ signup: { status: 'cancelled' } }),
  },
  {
    name: 'trips.declineOffer', fn: 'trips', action: 'declineOffer',
    setup: async (env) => {
      const t = await queued(env, 1, 3);
      await env.ok('trips', 'cancel', { signupId: t.crowd[0].signupId }, { as: t.crowd[0].user.openid });
      return { as: t.crowd[1].user.openid, data: { signupId: t.crowd[1].signupId } };
    },
    expect: okWith({ signup: { status: 'declined' } }),
  },
  {
    name: 'trips.acceptOffer', fn: 'trips', action: 'acceptOffer',
    setup: async (env) => {
      const t = await queued(env, 1, 2);
      await env.ok('trips', 'cancel', { signupId: t.crowd[0].signupId }, { as: t.crowd[0].user.openid });
      return { as: t.crowd[1].user.openid, data: { signupId: t.crowd[1].signupId } };
    },
    expect: okWith({ signup: { status: 'confirmed' } }),
  },
  {
    name: 'trips.expireOffers (timer)', fn: 'trips', action: 'expireOffers',
    setup: async (env) => {
      const t = await queued(env, 1, 3, { offerHours: 1 });
      await env.ok('trips', 'cancel', { signupId: t.crowd[0].signupId }, { as: t.crowd[0].user.openid });
      env.clock.advance(3600_000 + 1000);
      return { as: STAFF, data: { tripId: t.tripId } };
    },
    expect: (r) => expect(r.ok ? 'ok' : r.error).toBe('ok'),
  },
  {
    name: 'trips.review, rejecting frees the place to the queue', fn: 'trips', action: 'review', cloudbase: true,
    setup: async (env) => {
      const t = await queued(env, 1, 2, { needsReview: true });
      return { as: STAFF, data: { signupId: t.crowd[0].signupId, decision: 'reject', reason: '名额调整' } };
    },
    expect: okWith({ status: 'rejected' }),
  },
  {
    name: 'trips.checkIn', fn: 'trips', action: 'checkIn',
    setup: async (env) => {
      const t = await queued(env, 2, 1);
      env.clock.set('2026-06-30T23:30:00.000Z');
      return { as: STAFF, data: { signupId: t.crowd[0].signupId } };
    },
    expect: okWith({ status: 'attended' }),
  },
  {
    name: 'trips.runDraw', fn: 'trips', action: 'runDraw', cloudbase: true,
    setup: async (env) => {
      const t = await queued(env, 2, 5, { mode: 'lottery' });
      env.clock.advance(11 * 86_400_000);
      return { as: STAFF, data: { sessionId: t.sessionId, seed: 'crash-suite-seed' } };
    },
    expect: okWith({ seed: 'crash-suite-seed' }),
  },
  {
    name: 'trips.updateTrip, added places go to the queue', fn: 'trips', action: 'updateTrip',
    setup: async (env) => {
      const t = await queued(env, 1, 3);
      const edit = await env.ok<{ form: { sessions: { places: number }[] } }>('trips', 'getForEdit', { tripId: t.tripId }, { as: STAFF });
      return { as: STAFF, data: { tripId: t.tripId, trip: { ...edit.form, sessions: edit.form.sessions.map((s) => ({ ...s, places: 3 })) } } };
    },
    expect: okWith({ status: 'published' }),
  },
  {
    name: 'greencard.apply', fn: 'greencard', action: 'apply',
    setup: async (env) => {
      const u = await person(env, { honourIds: [] });
      const h = (await env.store.find<{ _id: string }>('honours', { title: '全国劳动模范' }, { limit: 1 }))[0];
      await env.store.update('honours', { _id: h._id }, { $set: { linkedUserId: u._id, linkStatus: 'confirmed' } });
      await env.store.update('users', { _id: u._id }, { $set: { honourIds: [h._id] } });
      return { as: u.openid, data: {} };
    },
    expect: okWith({ card: { status: 'pending' } }),
  },
  {
    name: 'greencard.suspend', fn: 'greencard', action: 'suspend', cloudbase: true,
    setup: async (env) => ({ as: 'demo-staff-city', data: { cardId: await freshActiveCard(env), reason: '手机遗失，暂停使用' } }),
    expect: okWith({ status: 'suspended' }),
  },
  {
    name: 'greencard.verify records one visit', fn: 'greencard', action: 'verify',
    setup: async (env) => ({ as: 'demo-hospital-clerk', data: { code: await currentCode(env, 'demo-model-national') } }),
    // A retry is judged at the moment the clerk first checked the code — unless the first call died before it
    // reached the store (k = 0): then the retry minutes later is a new check of an old code.
    expect: (r, k) => okWith({ verdict: k === 0 ? expect.stringMatching(/^(valid|expired_code)$/) : 'valid' })(r),
  },
  {
    name: 'staff.importHonours', fn: 'staff', action: 'importHonours',
    setup: async () => {
      const rows = ['姓名,身份证号,荣誉称号,级别,年份,授予单位'];
      for (let i = 0; i < 3; i++) rows.push(`测试劳模,${makeTestIdNumber(30_000 + ++people, 1966)},嘉兴市劳动模范,市级,2021,嘉兴市人民政府`);
      return { as: 'demo-staff-city', data: { fileName: 'h.csv', contentBase64: Buffer.from(rows.join('\n')).toString('base64'), commit: true } };
    },
    expect: okWith({ committed: true }),
  },
  {
    name: 'staff.decideTransfer', fn: 'staff', action: 'decideTransfer',
    setup: async (env) => {
      const u = await person(env);
      const t = await env.ok<{ id: string }>('account', 'requestTransfer', { toOrgId: 'gu_jx_nanhu_textile', reason: '工作调动' }, { as: u.openid });
      return { as: 'demo-staff-city', data: { transferId: t.id, decision: 'confirm' } };
    },
    expect: okWith({ status: 'done' }),
  },
  {
    name: 'trips.createTrip', fn: 'trips', action: 'createTrip',
    setup: async () => ({ as: STAFF, data: { trip: (registry.trips.createTrip.example as { trip: object }).trip } }),
    expect: okWith({ status: 'draft' }),
  },
  {
    name: 'trips.publishTrip', fn: 'trips', action: 'publishTrip',
    setup: async (env) => {
      const made = await env.ok<{ tripId: string }>('trips', 'createTrip', { trip: (registry.trips.createTrip.example as { trip: object }).trip }, { as: STAFF });
      return { as: STAFF, data: { tripId: made.tripId } };
    },
    expect: okWith({ status: 'published' }),
  },
  {
    name: 'trips.closeTrip', fn: 'trips', action: 'closeTrip',
    setup: async (env) => ({ as: STAFF, data: { tripId: (await publishedTrip(env)).tripId, reason: '名额已满' } }),
    expect: okWith({ status: 'closed' }),
  },
  {
    name: 'trips.review, approving', fn: 'trips', action: 'review',
    setup: async (env) => ({ as: STAFF, data: { signupId: (await queued(env, 1, 1, { needsReview: true })).crowd[0].signupId, decision: 'approve' } }),
    expect: okWith({ status: 'confirmed' }),
  },
  {
    name: 'trips.recover, itself interrupted', fn: 'trips', action: 'recover',
    setup: async (env) => {
      // A sign-up whose call died after taking its place, and a cancellation that died before handing it on.
      const t = await queued(env, 2, 3);
      await env.call('trips', 'signUp', { ...t, form: FORM }, { as: (await person(env)).openid, requestId: `half-${++people}`, store: new CrashingStore(env.store, 3) });
      await env.call('trips', 'cancel', { signupId: t.crowd[0].signupId }, { as: t.crowd[0].user.openid, requestId: `half-${++people}`, store: new CrashingStore(env.store, 3) });
      env.clock.advance(3 * 60_000);
      return { as: STAFF, data: {} };
    },
    expect: (r) => expect(r.ok ? 'ok' : r.error).toBe('ok'),
  },
  ...(['approve', 'reject'] as const).map((action): Scenario => ({
    name: `greencard.${action}`, fn: 'greencard', action,
    setup: async (env) => ({ as: 'demo-staff-city', data: { cardId: await freshCard(env, 'pending'), ...(action === 'reject' ? { reason: '荣誉信息有误' } : {}) } }),
    expect: okWith({ status: action === 'approve' ? 'active' : 'rejected' }),
  })),
  ...(['revoke', 'renew'] as const).map((action): Scenario => ({
    name: `greencard.${action}`, fn: 'greencard', action,
    setup: async (env) => ({ as: 'demo-staff-city', data: { cardId: await freshCard(env, 'active'), ...(action === 'revoke' ? { reason: '荣誉被撤销' } : {}) } }),
    expect: okWith({ status: action === 'revoke' ? 'revoked' : 'active' }),
  })),
  {
    name: 'greencard.reinstate', fn: 'greencard', action: 'reinstate',
    setup: async (env) => {
      const cardId = await freshCard(env, 'active');
      await env.ok('greencard', 'suspend', { cardId, reason: '暂停测试用' }, { as: 'demo-staff-city' });
      return { as: 'demo-staff-city', data: { cardId } };
    },
    expect: okWith({ status: 'active' }),
  },
  {
    name: 'greencard.issueBatch', fn: 'greencard', action: 'issueBatch',
    setup: async (env) => {
      for (let i = 0; i < 2; i++) await modelWorker(env);
      return { as: 'demo-staff-city', data: { orgId: 'org_jx' } };
    },
    expect: (r) => expect(r.ok ? 'ok' : r.error).toBe('ok'),
  },
  {
    name: 'greencard.uploadVisits', fn: 'greencard', action: 'uploadVisits',
    setup: async (env) => ({ as: 'demo-hospital-clerk', data: { visits: [{ code: await currentCode(env, 'demo-model-national'), checkedAt: env.clock.now.toISOString() }] } }),
    expect: (r) => expect(r.ok ? 'ok' : r.error).toBe('ok'),
  },
  {
    name: 'greencard.saveHospital', fn: 'greencard', action: 'saveHospital',
    setup: async () => ({ as: 'demo-staff-city', data: { ...(registry.greencard.saveHospital.example as object), name: `测试医院${++people}` } }),
    expect: okWith({ canEdit: true }),
  },
  {
    name: 'greencard.answerHonourRequest', fn: 'greencard', action: 'answerHonourRequest',
    setup: async (env) => {
      const h = await env.ok<{ id: string }>('greencard', 'saveHospital', { ...(registry.greencard.saveHospital.example as object), name: `大云镇卫生院${++people}`, honouredOrgIds: ['org_jx'] }, { as: 'demo-staff-town' });
      return { as: 'demo-staff-city', data: { hospitalId: h.id, orgId: 'org_jx', agree: true } };
    },
    expect: okWith({ honouredOrgIds: ['org_jx'] }),
  },
  {
    name: 'greencard.savePolicy', fn: 'greencard', action: 'savePolicy',
    setup: async () => ({ as: 'demo-staff-city', data: { orgId: 'org_jx', titles: ['全国劳动模范'], levels: [], validityMonths: 24 + (++people % 12) } }),
    expect: okWith({ configured: true }),
  },
  ...(['grantRole', 'revokeRole', 'markDeceased'] as const).map((action): Scenario => ({
    name: `staff.${action}`, fn: 'staff', action,
    setup: async (env) => {
      const u = await person(env, { roles: ['worker', 'volunteer'] });
      const data = action === 'markDeceased' ? { userId: u._id, date: '2026-05-01' } : { userId: u._id, role: 'volunteer' };
      return { as: 'demo-staff-city', data };
    },
    expect: (r) => expect(r.ok ? 'ok' : r.error).toBe('ok'),
  })),
  {
    name: 'staff.addHonour', fn: 'staff', action: 'addHonour',
    setup: async () => ({ as: 'demo-staff-city', data: { name: '测试劳模', idNumber: makeTestIdNumber(50_000 + ++people, 1966), title: '全国劳动模范', level: 'national', year: 2020, awardingBody: '国务院' } }),
    expect: okWith({ linkStatus: 'none' }),
  },
  ...(['confirmHonourLink', 'rejectHonourLink'] as const).map((action): Scenario => ({
    name: `staff.${action}`, fn: 'staff', action,
    setup: async (env) => {
      const idNumber = makeTestIdNumber(60_000 + ++people, 1966);
      const u = await person(env, { name: '关联测试', idNumber });
      const h = await env.ok<{ id: string }>('staff', 'addHonour', { name: '关联测试', idNumber, title: '全国劳动模范', level: 'national', year: 2020, awardingBody: '国务院' }, { as: 'demo-staff-city' });
      void u;
      return { as: 'demo-admin', data: { honourId: h.id, ...(action === 'rejectHonourLink' ? { reason: '身份信息不符' } : {}) } };
    },
    expect: okWith({ linkStatus: action === 'confirmHonourLink' ? 'confirmed' : 'rejected' }),
  })),
  {
    name: 'staff.markTransfer', fn: 'staff', action: 'markTransfer',
    setup: async (env) => ({ as: 'demo-staff-city', data: { userId: (await person(env))._id, toOrgId: 'gu_jx_nanhu_textile', reason: '工作调动' } }),
    expect: okWith({ transfer: { status: 'done' } }),
  },
  {
    name: 'account.updateProfile', fn: 'account', action: 'updateProfile',
    setup: async (env) => ({ as: (await person(env)).openid, data: { phone: `139${String(++people).padStart(8, '0')}` } }),
    expect: okWith({ registered: true }),
  },
  {
    name: 'account.requestTransfer', fn: 'account', action: 'requestTransfer',
    setup: async (env) => ({ as: (await person(env)).openid, data: { toOrgId: 'gu_jx_nanhu_textile', reason: '工作调动' } }),
    expect: okWith({ status: 'pending' }),
  },
  {
    name: 'account.withdrawTransfer', fn: 'account', action: 'withdrawTransfer',
    setup: async (env) => {
      const u = await person(env);
      const t = await env.ok<{ id: string }>('account', 'requestTransfer', { toOrgId: 'gu_jx_nanhu_textile', reason: '工作调动' }, { as: u.openid });
      return { as: u.openid, data: { transferId: t.id } };
    },
    expect: okWith({ status: 'withdrawn' }),
  },
  {
    name: 'files.startUpload', fn: 'files', action: 'startUpload',
    setup: async (env) => ({ as: (await person(env)).openid, data: registry.files.startUpload.example }),
    expect: okWith({ kind: 'local' }),
  },
  {
    name: 'files.finishUpload', fn: 'files', action: 'finishUpload',
    setup: async (env) => {
      const u = await person(env);
      const t = await env.ok<{ fileId: string }>('files', 'startUpload', registry.files.startUpload.example, { as: u.openid });
      return { as: u.openid, data: { fileId: t.fileId, cloudFileId: `cloud://env.bucket/uploads/${t.fileId}` } };
    },
    expect: (r) => expect(r.ok ? 'ok' : r.error).toBe('ok'),
  },
  // ---- 困难帮扶 ----
  {
    name: 'hardship.saveDraft, with an attachment', fn: 'hardship', action: 'saveDraft',
    setup: async (env) => {
      const w = await world(env);
      const fileId = await uploaded(env, w.worker.openid);
      return { as: w.worker.openid, data: { form: { kind: 'one_off', primaryCause: 'own_illness', attachments: [{ fileId, doc: 'diagnosis' }] } } };
    },
    expect: okWith({ caseId: expect.any(String) }),
  },
  {
    name: 'hardship.file, self-filed with an attachment', fn: 'hardship', action: 'file', cloudbase: true,
    setup: async (env) => {
      const w = await world(env);
      const fileId = await uploaded(env, w.worker.openid);
      return { as: w.worker.openid, data: { form: formWith({ attachments: [{ fileId, doc: 'diagnosis' }] }) } };
    },
    expect: okWith({ case: { status: 'reviewing' } }),
  },
  {
    name: 'hardship.file, from a draft, on behalf of a member', fn: 'hardship', action: 'file',
    setup: async (env) => {
      const w = await world(env);
      const member = { name: '赵桂芳', idNumber: makeTestIdNumber(76_000 + ++people, 1958), orgId: UNION };
      const d = await env.ok<{ caseId: string }>('hardship', 'saveDraft', { member, form: { kind: 'ongoing' } }, { as: w.grassroots.openid });
      return { as: w.grassroots.openid, data: { caseId: d.caseId, form: formWith({ aidKinds: ['living', 'medical'] }) } };
    },
    expect: okWith({ case: { status: 'reviewing', origin: 'behalf' } }),
  },
  {
    name: 'hardship.withdraw gives the slots back', fn: 'hardship', action: 'withdraw',
    setup: async (env) => {
      const w = await world(env);
      return { as: w.worker.openid, data: { caseId: await caseAt(env, w, 'town') } };
    },
    expect: okWith({ case: { status: 'withdrawn' } }),
  },
  {
    name: 'hardship.resubmit, with the missing receipt', fn: 'hardship', action: 'resubmit',
    setup: async (env) => {
      const w = await world(env);
      const caseId = await caseAt(env, w, 'town');
      await env.ok('hardship', 'returnCase', { caseId, reason: '请补充自付医疗费用票据', missing: ['medical_receipts'] }, { as: TOWN });
      const fileId = await uploaded(env, w.worker.openid);
      return { as: w.worker.openid, data: { caseId, form: formWith({ attachments: [{ fileId, doc: 'medical_receipts' }] }) } };
    },
    expect: okWith({ case: { status: 'reviewing' } }),
  },
  {
    name: 'hardship.verify, with visit photos', fn: 'hardship', action: 'verify',
    setup: async (env) => {
      const w = await world(env);
      const caseId = await caseAt(env, w, 'verify');
      return { as: w.grassroots.openid, data: { caseId, visit: visitOn(env, [await uploaded(env, w.grassroots.openid, 'visit_photo')]) } };
    },
    expect: okWith({ case: { status: 'reviewing', stepText: expect.stringContaining('大云镇') } }),
  },
  {
    name: 'hardship.forward', fn: 'hardship', action: 'forward',
    setup: async (env) => ({ as: TOWN, data: { caseId: await caseAt(env, await world(env), 'town'), incomeCheck: INCOME_CHECK(env) } }),
    expect: okWith({ case: { status: 'reviewing' } }),
  },
  {
    name: 'hardship.decide', fn: 'hardship', action: 'decide', cloudbase: true,
    setup: async (env) => ({ as: COUNTY, data: { caseId: await caseAt(env, await world(env), 'county'), category: 'relative', awards: [{ aidKind: 'medical', amount: 10000 }] } }),
    expect: okWith({ case: { status: 'notice' } }),
  },
  {
    name: 'hardship.sendBack', fn: 'hardship', action: 'sendBack',
    setup: async (env) => ({ as: COUNTY, data: { caseId: await caseAt(env, await world(env), 'county'), toStep: 0, reason: '请补充走访照片' } }),
    expect: okWith({ case: { status: 'reviewing' } }),
  },
  {
    name: 'hardship.returnCase', fn: 'hardship', action: 'returnCase',
    setup: async (env) => ({ as: TOWN, data: { caseId: await caseAt(env, await world(env), 'town'), reason: '请补充自付医疗费用票据', missing: ['medical_receipts'] } }),
    expect: okWith({ case: { status: 'returned' } }),
  },
  {
    name: 'hardship.reject gives the slots back', fn: 'hardship', action: 'reject',
    setup: async (env) => ({ as: TOWN, data: { caseId: await caseAt(env, await world(env), 'town'), reason: '家庭人均收入高于本地标准' } }),
    expect: okWith({ case: { status: 'rejected' } }),
  },
  {
    name: 'hardship.remind', fn: 'hardship', action: 'remind',
    setup: async (env) => ({ as: COUNTY, data: { caseId: await caseAt(env, await world(env), 'town'), note: '请尽快办理' } }),
    expect: okWith({ case: { reminders: 1 } }),
  },
  {
    name: 'hardship.object', fn: 'hardship', action: 'object',
    setup: async (env) => {
      const caseId = await caseAt(env, await world(env), 'notice');
      const neighbour = await env.addUser({ orgId: 'gu_js_xinrui', idNumber: makeTestIdNumber(77_000 + ++people, 1980) });
      return { as: neighbour.openid, data: { caseId, reason: '据了解该户经营企业，请核实' } };
    },
    expect: okWith({ caseId: expect.any(String) }),
  },
  {
    name: 'hardship.recordPayments, a batch of two', fn: 'hardship', action: 'recordPayments', cloudbase: true,
    setup: async (env) => {
      const a = await fastAt(env, await world(env), 'paying');
      const b = await fastAt(env, await world(env), 'paying');
      return { as: COUNTY, data: { payments: [payment(env, a), payment(env, b)] } };
    },
    expect: okWith({ items: [{ status: 'paid' }, { status: 'paid' }] }),
  },
  {
    name: 'hardship.archive writes the household', fn: 'hardship', action: 'archive', cloudbase: true,
    setup: async (env) => ({ as: COUNTY, data: { caseId: await fastAt(env, await world(env), 'paid') } }),
    expect: okWith({ case: { status: 'archived' } }),
  },
  {
    name: 'hardship.closeCase', fn: 'hardship', action: 'closeCase',
    setup: async (env) => ({ as: COUNTY, data: { caseId: await fastAt(env, await world(env), 'paid') } }),
    expect: okWith({ case: { status: 'closed' } }),
  },
  {
    name: 'hardship.startRecheck', fn: 'hardship', action: 'startRecheck',
    setup: async (env) => {
      const w = await world(env);
      await env.ok('hardship', 'archive', { caseId: await fastAt(env, w, 'paid') }, { as: COUNTY });
      return { as: COUNTY, data: { householdId: `hh_${w.worker.idHash.slice(0, 32)}` } };
    },
    expect: okWith({ case: { type: 'recheck', status: 'reviewing' } }),
  },
  {
    name: 'hardship.conclude, 脱困 closes the household', fn: 'hardship', action: 'conclude',
    setup: async (env) => {
      const w = await world(env);
      await env.ok('hardship', 'archive', { caseId: await fastAt(env, w, 'paid') }, { as: COUNTY });
      const r = await env.ok<{ case: { id: string } }>('hardship', 'startRecheck', { householdId: `hh_${w.worker.idHash.slice(0, 32)}` }, { as: COUNTY });
      await env.ok('hardship', 'verify', { caseId: r.case.id, visit: visitOn(env) }, { as: w.grassroots.openid });
      return { as: COUNTY, data: { caseId: r.case.id, outcome: 'exit', reason: '本人已再就业，收入稳定' } };
    },
    expect: okWith({ case: { status: 'concluded' } }),
  },
  {
    name: 'hardship.dispatch, two households', fn: 'hardship', action: 'dispatch',
    setup: async (env) => {
      await world(env);
      const rows = [0, 1].map((i) => ({ name: i ? '孙建国' : '钱阿大', idNumber: makeTestIdNumber(78_000 + ++people, 1960), orgId: UNION, reason: '村社区反映大病致困' }));
      return { as: COUNTY, data: { rows, aidKinds: ['living'], dueOn: '2026-12-30' } };
    },
    expect: okWith({ skipped: [] }),
  },
  {
    name: 'hardship.saveConfig', fn: 'hardship', action: 'saveConfig',
    setup: async () => ({ as: 'demo-staff-city', data: { orgId: 'org_jx_hn', year: 2026, config: { ...DEFAULT_CONFIG, dibao: 1100 + (++people % 50) } } }),
    expect: okWith({ configured: true }),
  },
  {
    name: 'hardship.recover, itself interrupted', fn: 'hardship', action: 'recover',
    setup: async (env) => {
      // A filing that died after its slot, an archive that died before its household, a 公示 that has ended.
      const w = await world(env);
      await env.call('hardship', 'file', { form: formWith() }, { as: w.worker.openid, requestId: `half-${++people}`, store: new CrashingStore(env.store, 1) });
      const paid = await fastAt(env, await world(env), 'paid');
      await env.call('hardship', 'archive', { caseId: paid }, { as: COUNTY, requestId: `half-${++people}`, store: new CrashingStore(env.store, 1) });
      await fastAt(env, await world(env), 'paying');
      await caseAt(env, await world(env), 'notice');
      env.clock.advance(3 * 60_000);
      return { as: STAFF, data: {} };
    },
    expect: (r) => expect(r.ok ? 'ok' : r.error).toBe('ok'),
  },
  {
    name: 'notices.send (timer): the sender dies after any of its writes', fn: 'notices', action: 'send', cloudbase: true,
    setup: async (env) => {
      // An offer whose prompt send found WeChat down: due again a minute later, its subscription held. The trip is
      // dated from the suite's clock (earlier scenarios move it on by weeks).
      const depart = addLocalDays(localDateOf(env.clock.now), 30);
      const t = await queued(env, 1, 2, { sessions: [{ departDate: depart, returnDate: addLocalDays(depart, 2), places: 1 }] });
      env.wechat.queue('http500');
      await env.ok('trips', 'cancel', { signupId: t.crowd[0].signupId }, { as: t.crowd[0].user.openid });
      env.clock.advance(61_000);
      return { as: null, data: {} };
    },
    expect: (r) => expect(r.ok ? 'ok' : r.error).toBe('ok'),
  },
  {
    name: 'notices.reportSubscriptions', fn: 'notices', action: 'reportSubscriptions',
    setup: async (env) => ({ as: (await person(env)).openid, data: { results: [{ template: 'place_offer', result: 'accept' }, { template: 'trip_reminder', result: 'reject' }] } }),
    // A retry never counts twice: one accepted use whatever the crash hit.
    expect: okWith({ templates: expect.arrayContaining([{ template: 'place_offer', title: '候补成功通知', left: 1, granted: 1, refused: false }]) }),
  },
  ...(['markRead', 'markAllRead'] as const).map((action): Scenario => ({
    name: `notices.${action}`, fn: 'notices', action,
    setup: async (env) => {
      const t = await queued(env, 1, 2);
      await env.ok('trips', 'cancel', { signupId: t.crowd[0].signupId }, { as: t.crowd[0].user.openid });
      const id = `n:trip_signups:${t.crowd[1].signupId}:v2:0`;
      return { as: t.crowd[1].user.openid, data: action === 'markRead' ? { id } : {} };
    },
    expect: okWith({ unread: 0 }),
  })),
  {
    name: 'account.register', fn: 'account', action: 'register',
    setup: async () => ({ as: `crash-newcomer-${++people}`, data: { name: '新登记', phone: '13800001111', idNumber: makeTestIdNumber(40_000 + people, 1990), orgId: 'gu_jx_hengtong' } }),
    expect: okWith({ registered: true }),
  },
  ...WISH_SCENARIOS,
];

/** Every timer action: what the triggers run within minutes of a crash. */
const TIMERS = Object.entries(registry).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, ActionSpec>).filter(([, s]) => s.timer).map(([action]) => [fn as FunctionName, action] as const),
);

async function recover(env: TestEnv): Promise<void> {
  env.clock.advance(3 * 60_000); // past every lease and staleness threshold
  for (const [fn, action] of TIMERS) {
    const r = await env.call(fn, action, {}, { as: null });
    if (!r.ok) throw new Error(`${fn}.${action} failed in recovery: ${r.error.code} ${r.error.message}`);
  }
}

async function crashEverywhere(env: TestEnv, s: Scenario, maxWrites = 60): Promise<number> {
  for (let k = 0; k <= maxWrites; k++) {
    const since = env.clock.now.toISOString();
    const { as, data } = await s.setup(env);
    const requestId = `crash-${s.action}-${k}-${people}`;
    const crashing = new CrashingStore(env.store, k);
    const first = await env.call(s.fn, s.action, data, { as, requestId, store: crashing });
    if (!crashing.crashed) {
      s.expect(first, k);
      expect(await invariants(env.store, since)).toEqual([]);
      return k;
    }
    await recover(env);
    expect({ k, problems: await invariants(env.store, since) }).toEqual({ k, problems: [] });
    const retry = await env.call(s.fn, s.action, data, { as, requestId });
    s.expect(retry, k);
    expect({ k, problems: await invariants(env.store, since) }).toEqual({ k, problems: [] });
  }
  throw new Error(`${s.name} did not complete within ${maxWrites} writes`);
}

/**
 * Every mutating action is covered: a scenario above, or it is itself a recovery pass that any other scenario runs
 * after every crash (and `trips.recover` has a scenario of its own, interrupted).
 */
const RECOVERY_PASSES = TIMERS.map(([fn, action]) => `${fn}.${action}`);
describe('crash injection covers every mutating action', () => {
  const covered = new Set(SCENARIOS.map((s) => `${s.fn}.${s.action}`));
  const mutating = Object.entries(registry).flatMap(([fn, actions]) =>
    Object.entries(actions as Record<string, ActionSpec>).filter(([, spec]) => spec.mutates).map(([action]) => `${fn}.${action}`),
  );
  it.each(mutating)('%s', (name) => {
    expect(covered.has(name) || RECOVERY_PASSES.includes(name)).toBe(true);
  });
});

describe('crash injection on the embedded store', () => {
  it.each(SCENARIOS.map((s) => [s.name, s] as const))('%s survives a crash after any write', async (_name, s) => {
    const env = await createTestEnv({ secrets: SECRETS });
    const writes = await crashEverywhere(env, s);
    expect(writes).toBeGreaterThan(0);
  }, 120_000);
});

describe('crash injection through the CloudBase adapter and the emulator', () => {
  let env: TestEnv;
  let close: () => Promise<void>;
  beforeAll(async () => {
    const raw = new EmbeddedStore();
    const emulator = await startEmulator({ port: 0, store: raw });
    const store: Store = new CloudbaseStore({ env: 'crash-test', secretId: 'local', secretKey: 'local', serviceUrl: emulator.url, timeout: 60_000 });
    env = await createTestEnv({ store, secrets: SECRETS });
    close = () => emulator.close();
  }, 60_000);
  afterAll(async () => close());

  it.each(SCENARIOS.filter((s) => s.cloudbase).map((s) => [s.name, s] as const))('%s survives a crash after any write', async (_name, s) => {
    expect(await crashEverywhere(env, s)).toBeGreaterThan(0);
  }, 300_000);
});

/** A fresh model worker of the city (a confirmed national honour), with no card yet. */
async function modelWorker(env: TestEnv) {
  const u = await person(env);
  const h = (await env.store.find<{ _id: string }>('honours', { title: '全国劳动模范' }, { limit: 1 }))[0];
  const copy = { ...(await env.store.get<{ _id: string }>('honours', h._id))!, _id: `h_crash_${++people}`, linkedUserId: u._id, linkStatus: 'confirmed' };
  await env.store.insert('honours', copy);
  await env.store.update('users', { _id: u._id }, { $set: { honourIds: [copy._id] } });
  return u;
}

/** A card in this state for a fresh model worker. */
async function freshCard(env: TestEnv, state: 'pending' | 'active'): Promise<string> {
  const u = await modelWorker(env);
  await env.ok('greencard', 'apply', {}, { as: u.openid });
  const card = (await env.store.find<{ _id: string }>('greencard_cards', { userId: u._id }, { limit: 1 }))[0];
  if (state === 'active') await env.ok('greencard', 'approve', { cardId: card._id }, { as: 'demo-staff-city' });
  return card._id;
}

const freshActiveCard = (env: TestEnv) => freshCard(env, 'active');
