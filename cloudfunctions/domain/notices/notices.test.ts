/**
 * Notices end to end: every event produces exactly one notice for the right person, in the message centre and through
 * the subscribe-message port (a fake WeChat that refuses with 43101 and fails with 5xx); a sender that dies after any
 * write loses nothing and sends nothing twice; reminders fire once per due item.
 */
import type { NoticeView } from '../../../types/notices.schema';
import { NOTICES, type NoticeDoc } from '../../core/notices';
import { WECHAT_OUTBOX } from '../../core/platform/local-wechat';
import { SUBSCRIPTIONS, type SubscriptionDoc, deliver, sendDue, subscriptionIdOf } from '../../core/sender';
import type { UserDoc } from '../../core/users';
import { CrashingStore } from '../../testing/crash';
import { createTestEnv, makeTestIdNumber, type TestEnv } from '../../testing/harness';
import { FORM, STAFF, publishedTrip } from '../trips/testkit';

let env: TestEnv;
let n = 0;
const person = (extra: Parameters<TestEnv['addUser']>[0] = {}) => env.addUser({ orgId: 'gu_jx_hengtong', idNumber: makeTestIdNumber(70_000 + ++n, 1975), ...extra });

async function noticesOf(userId: string, kind?: string): Promise<NoticeDoc[]> {
  return env.store.find<NoticeDoc>(NOTICES, { userId, ...(kind ? { kind } : {}) }, { sort: { at: 1 }, limit: 100 });
}

async function subscribe(user: UserDoc, ...templates: string[]) {
  await env.ok('notices', 'reportSubscriptions', { results: templates.map((template) => ({ template, result: 'accept' })) }, { as: user.openid });
}

const sub = (user: UserDoc, template: string) => env.store.get<SubscriptionDoc>(SUBSCRIPTIONS, subscriptionIdOf(user._id, template));
const attempts = (key: string) => env.store.count(WECHAT_OUTBOX, { key });
const deliveries = (key: string) => env.store.count(WECHAT_OUTBOX, { key, errcode: 0 });

/** A session of one place with two people: the first cancels, the second is offered the place. */
async function offered(over: Parameters<typeof publishedTrip>[1] = {}) {
  const t = await publishedTrip(env, { rules: { audience: 'all', onePerYear: false }, sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 1 }], ...over });
  const first = await person();
  const second = await person();
  const a = await env.ok<{ signup: { id: string } }>('trips', 'signUp', { ...t, form: FORM }, { as: first.openid });
  const b = await env.ok<{ signup: { id: string } }>('trips', 'signUp', { ...t, form: FORM }, { as: second.openid });
  return { ...t, first, second, firstSignup: a.signup.id, secondSignup: b.signup.id };
}

beforeEach(async () => {
  env = await createTestEnv();
  env.wechat.reset();
});

describe('the message centre', () => {
  it('shows an offered place with its deadline, once, to the person offered it; the unread badge clears when read', async () => {
    const t = await offered();
    await subscribe(t.second, 'place_offer');
    await env.ok('trips', 'cancel', { signupId: t.firstSignup }, { as: t.first.openid });
    const offers = await noticesOf(t.second._id, 'trip_offer');
    expect(offers).toHaveLength(1);
    expect(offers[0].body).toMatch(/请在 2026年6月2日 \d\d:\d\d 前确认/);
    expect(await noticesOf(t.first._id, 'trip_offer')).toHaveLength(0);

    const badge = await env.ok<{ unread: number }>('notices', 'unread', {}, { as: t.second.openid });
    expect(badge.unread).toBe(1);
    const list = await env.ok<{ items: NoticeView[]; unread: number; total: number }>('notices', 'mine', {}, { as: t.second.openid });
    expect(list).toMatchObject({ unread: 1, total: 1 });
    expect(list.items[0]).toMatchObject({ kind: 'trip_offer', kindLabel: '候补名额', link: '/pkg-trips/mine/index', read: false, pushed: true });
    // Sent promptly, once, through WeChat.
    expect(await deliveries(offers[0]._id)).toBe(1);
    expect((await env.wechat.sent({ touser: t.second.openid }))[0].data).toMatchObject({ thing1: { value: '景宁畲乡森林康养' }, time2: { value: expect.stringMatching(/^2026年6月2日 \d\d:\d\d$/) } });

    const after = await env.ok<{ unread: number }>('notices', 'markRead', { id: offers[0]._id }, { as: t.second.openid });
    expect(after.unread).toBe(0);
    expect((await env.ok<{ unread: number }>('notices', 'unread', {}, { as: t.second.openid })).unread).toBe(0);
  });

  it('never shows or marks another person’s notices', async () => {
    const t = await offered();
    await env.ok('trips', 'cancel', { signupId: t.firstSignup }, { as: t.first.openid });
    const [offer] = await noticesOf(t.second._id, 'trip_offer');
    const other = await env.ok<{ items: NoticeView[] }>('notices', 'mine', {}, { as: t.first.openid });
    expect(other.items.map((i) => i.id)).not.toContain(offer._id);
    await env.ok('notices', 'markRead', { id: offer._id }, { as: t.first.openid });
    expect((await env.store.get<NoticeDoc>(NOTICES, offer._id))!.read).toBe(false);
    await env.ok('notices', 'markAllRead', {}, { as: t.first.openid });
    expect((await env.store.get<NoticeDoc>(NOTICES, offer._id))!.read).toBe(false);
    await env.ok('notices', 'markAllRead', {}, { as: t.second.openid });
    expect((await env.store.get<NoticeDoc>(NOTICES, offer._id))!.read).toBe(true);
  });

  it('works for a person who never subscribed: the message centre only', async () => {
    const t = await offered();
    await env.ok('trips', 'cancel', { signupId: t.firstSignup }, { as: t.first.openid });
    const [offer] = await noticesOf(t.second._id, 'trip_offer');
    expect(offer.push).toBe('inbox');
    expect(await attempts(offer._id)).toBe(0);
  });
});

describe('subscribe messages through the port', () => {
  it('one-time subscriptions allow one send each: the second notice of a template goes to the message centre only', async () => {
    const u = await person();
    await subscribe(u, 'review_result');
    expect(await sub(u, 'review_result')).toMatchObject({ granted: 1, left: 1 });
    const t = await publishedTrip(env, { needsReview: true, rules: { audience: 'all', onePerYear: false }, sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 3 }] });
    const t2 = await publishedTrip(env, { needsReview: true, title: '安吉竹乡康养', rules: { audience: 'all', onePerYear: false }, sessions: [{ departDate: '2026-08-01', returnDate: '2026-08-03', places: 3 }] });
    const a = await env.ok<{ signup: { id: string } }>('trips', 'signUp', { ...t, form: FORM }, { as: u.openid });
    const b = await env.ok<{ signup: { id: string } }>('trips', 'signUp', { ...t2, form: FORM }, { as: u.openid });
    await env.ok('trips', 'review', { signupId: a.signup.id, decision: 'approve' }, { as: STAFF });
    await env.ok('trips', 'review', { signupId: b.signup.id, decision: 'reject', reason: '名额调整' }, { as: STAFF });
    const reviews = await noticesOf(u._id, 'trip_review');
    expect(reviews.map((r) => [r.title, r.push])).toEqual([
      ['报名审核通过：景宁畲乡森林康养', 'sent'],
      ['报名审核未通过：安吉竹乡康养', 'inbox'],
    ]);
    expect(reviews[1].body).toContain('名额调整');
    expect(await sub(u, 'review_result')).toMatchObject({ granted: 1, left: 0 });
  });

  it('43101: marked refused, not retried, and what was left of the subscription is void', async () => {
    const t = await offered();
    await subscribe(t.second, 'place_offer');
    await subscribe(t.second, 'place_offer');
    env.wechat.answerFor(t.second.openid, 43101);
    await env.ok('trips', 'cancel', { signupId: t.firstSignup }, { as: t.first.openid });
    const [offer] = await noticesOf(t.second._id, 'trip_offer');
    expect(offer).toMatchObject({ push: 'refused', reserved: false });
    expect(await sub(t.second, 'place_offer')).toMatchObject({ granted: 2, left: 0, voided: 2, refused: true });
    env.clock.advance(3600_000);
    await env.ok('notices', 'send', {}, { as: null });
    expect(await attempts(offer._id)).toBe(1);
    const state = await env.ok<{ templates: { template: string; refused: boolean; left: number }[] }>('notices', 'subscriptions', {}, { as: t.second.openid });
    expect(state.templates.find((x) => x.template === 'place_offer')).toMatchObject({ refused: true, left: 0 });
  });

  it('5xx and network failures are retried with backoff, keeping the one count, and delivered once', async () => {
    const t = await offered();
    await subscribe(t.second, 'place_offer');
    env.wechat.queue('http500', 'network');
    await env.ok('trips', 'cancel', { signupId: t.firstSignup }, { as: t.first.openid });
    const [offer] = await noticesOf(t.second._id, 'trip_offer');
    let doc = (await env.store.get<NoticeDoc>(NOTICES, offer._id))!;
    expect(doc).toMatchObject({ push: 'pending', attempts: 1, reserved: true });
    expect(Date.parse(doc.nextAttemptAt) - env.clock.now.getTime()).toBe(60_000);
    // Not due yet: nothing happens.
    await env.ok('notices', 'send', {}, { as: null });
    expect((await env.store.get<NoticeDoc>(NOTICES, offer._id))!.attempts).toBe(1);
    env.clock.advance(60_000);
    await env.ok('notices', 'send', {}, { as: null });
    doc = (await env.store.get<NoticeDoc>(NOTICES, offer._id))!;
    expect(doc).toMatchObject({ push: 'pending', attempts: 2 });
    expect(Date.parse(doc.nextAttemptAt) - env.clock.now.getTime()).toBe(120_000);
    env.clock.advance(120_000);
    await env.ok('notices', 'send', {}, { as: null });
    expect(await env.store.get<NoticeDoc>(NOTICES, offer._id)).toMatchObject({ push: 'sent', attempts: 3 });
    expect(await deliveries(offer._id)).toBe(1);
    expect(await sub(t.second, 'place_offer')).toMatchObject({ granted: 1, left: 0 });
  });

  it('a message WeChat refuses as such (47003) fails without retrying and gives the count back', async () => {
    const t = await offered();
    await subscribe(t.second, 'place_offer');
    env.wechat.queue(47003);
    await env.ok('trips', 'cancel', { signupId: t.firstSignup }, { as: t.first.openid });
    const [offer] = await noticesOf(t.second._id, 'trip_offer');
    expect(offer).toMatchObject({ push: 'failed', reserved: false });
    expect(await sub(t.second, 'place_offer')).toMatchObject({ granted: 1, left: 1 });
  });

  it('retries run out after six attempts: failed, the count given back', async () => {
    const t = await offered();
    await subscribe(t.second, 'place_offer');
    env.wechat.queue('http500', 'http500', 'http500', 'http500', 'http500', 'http500');
    await env.ok('trips', 'cancel', { signupId: t.firstSignup }, { as: t.first.openid });
    for (let i = 0; i < 6; i++) {
      env.clock.advance(40 * 60_000);
      await env.ok('notices', 'send', {}, { as: null });
    }
    const [offer] = await noticesOf(t.second._id, 'trip_offer');
    expect(offer).toMatchObject({ push: 'failed', attempts: 6 });
    expect(await sub(t.second, 'place_offer')).toMatchObject({ left: 1 });
  });

  it('a sender that dies after any of its writes loses nothing and sends nothing twice', async () => {
    for (let k = 0; k <= 6; k++) {
      const t = await offered();
      await subscribe(t.second, 'place_offer');
      // The change lands; the prompt send dies after k writes.
      await env.call('trips', 'cancel', { signupId: t.firstSignup }, { as: t.first.openid, requestId: `sender-crash-${k}-${n}` });
      const [offer] = await noticesOf(t.second._id, 'trip_offer');
      // Undo the prompt send's outcome so that the crash can be replayed at each step of a fresh send.
      await env.store.remove(WECHAT_OUTBOX, { key: offer._id }, { multi: true });
      await env.store.update(NOTICES, { _id: offer._id }, { $set: { push: 'pending', attempts: 0, reserved: false, nextAttemptAt: env.clock.now.toISOString() } });
      await env.store.update(SUBSCRIPTIONS, { _id: subscriptionIdOf(t.second._id, 'place_offer') }, { $set: { left: 1 } });

      const dying = new CrashingStore(env.store, k);
      await deliver(dying, env.wechat, env.clock.now, offer._id).catch(() => 'crashed');
      env.clock.advance(60_000); // past the lease
      await sendDue(env.store, env.wechat, () => env.clock.now);
      const doc = (await env.store.get<NoticeDoc>(NOTICES, offer._id))!;
      expect({ k, push: doc.push, deliveries: await deliveries(offer._id) }).toEqual({ k, push: 'sent', deliveries: 1 });
      const s = (await sub(t.second, 'place_offer'))!;
      expect({ k, left: s.left, used: s.granted - s.left - s.voided }).toEqual({ k, left: 0, used: 1 });
    }
  });
});

describe('every event tells the right person once', () => {
  it('trips: review results, the draw, moving to first in line', async () => {
    // Draw: three apply for one place.
    const lottery = await publishedTrip(env, { mode: 'lottery', rules: { audience: 'all', onePerYear: false }, sessions: [{ departDate: '2026-07-01', returnDate: '2026-07-03', places: 1 }] });
    const people = [await person(), await person(), await person()];
    for (const p of people) await env.ok('trips', 'signUp', { ...lottery, form: FORM }, { as: p.openid });
    env.clock.advance(11 * 86_400_000);
    await env.ok('trips', 'runDraw', { sessionId: lottery.sessionId, seed: 'notice-test-seed' }, { as: STAFF });
    const drawn = await Promise.all(people.map((p) => noticesOf(p._id, 'trip_draw')));
    expect(drawn.map((d) => d.length)).toEqual([1, 1, 1]);
    expect(drawn.flat().filter((d) => d.title.startsWith('抽签中签')).length).toBe(1);
    // The winner cancels: the first loser is offered the place; the second loser is now first in line.
    const signups = await env.store.find<{ _id: string; userId: string; status: string; drawRank: number }>('trip_signups', { sessionId: lottery.sessionId }, { sort: { drawRank: 1 }, limit: 10 });
    const winner = signups.find((s) => s.status === 'confirmed')!;
    const winnerUser = people.find((p) => p._id === winner.userId)!;
    await env.ok('trips', 'cancel', { signupId: winner._id }, { as: winnerUser.openid });
    const [, second, third] = signups;
    expect(await noticesOf(second.userId, 'trip_offer')).toHaveLength(1);
    expect(await noticesOf(third.userId, 'trip_first_in_line')).toHaveLength(1);
    expect(await noticesOf(second.userId, 'trip_first_in_line')).toHaveLength(0);
    // Recovery looking again writes nothing more.
    env.clock.advance(5 * 60_000);
    await env.ok('trips', 'recover', {}, { as: null });
    expect(await noticesOf(third.userId, 'trip_first_in_line')).toHaveLength(1);
  });

  it('trips: the day before departure, each confirmed traveller once, however often the timer runs', async () => {
    const t = await publishedTrip(env, { rules: { audience: 'all', onePerYear: false }, sessions: [{ departDate: '2026-06-03', returnDate: '2026-06-05', places: 2 }] });
    const travellers = [await person(), await person()];
    for (const p of travellers) await env.ok('trips', 'signUp', { ...t, form: FORM }, { as: p.openid });
    const waiting = await person();
    await env.ok('trips', 'signUp', { ...t, form: FORM }, { as: waiting.openid });
    // 2026-06-01 10:00 in Shanghai: not tomorrow yet.
    expect(await env.ok('trips', 'remind', {}, { as: null })).toMatchObject({ written: 0 });
    env.clock.set('2026-06-02T01:00:00.000Z'); // 09:00 on the 2nd
    expect(await env.ok('trips', 'remind', {}, { as: null })).toMatchObject({ due: 2, written: 2 });
    env.clock.advance(3600_000);
    expect(await env.ok('trips', 'remind', {}, { as: null })).toMatchObject({ written: 0 });
    for (const p of travellers) {
      const r = await noticesOf(p._id, 'trip_departure');
      expect(r).toHaveLength(1);
      expect(r[0].title).toBe('明天出发：景宁畲乡森林康养');
    }
    expect(await noticesOf(waiting._id, 'trip_departure')).toHaveLength(0);
  });

  it('green card: issued, suspended, reinstated, renewed, revoked; an application not approved', async () => {
    const holder = await modelWorker();
    await env.ok('greencard', 'apply', {}, { as: holder.openid });
    const cardId = (await env.store.find<{ _id: string }>('greencard_cards', { userId: holder._id }, { limit: 1 }))[0]._id;
    await subscribe(holder, 'card_status');
    await env.ok('greencard', 'approve', { cardId }, { as: 'demo-staff-city' });
    await env.ok('greencard', 'suspend', { cardId, reason: '手机遗失' }, { as: 'demo-staff-city' });
    await env.ok('greencard', 'reinstate', { cardId }, { as: 'demo-staff-city' });
    await env.ok('greencard', 'renew', { cardId }, { as: 'demo-staff-city' });
    await env.ok('greencard', 'revoke', { cardId, reason: '荣誉撤销' }, { as: 'demo-staff-city' });
    const kinds = (await noticesOf(holder._id)).map((x) => x.kind);
    expect(kinds).toEqual(['card_issued', 'card_suspended', 'card_reinstated', 'card_renewed', 'card_revoked']);
    const sent = await env.wechat.sent({ touser: holder.openid });
    expect(sent).toHaveLength(1); // one subscription, one send
    expect(sent[0].data.phrase2.value).toBe('已发放');

    const other = await modelWorker();
    await env.ok('greencard', 'apply', {}, { as: other.openid });
    const otherCard = (await env.store.find<{ _id: string }>('greencard_cards', { userId: other._id }, { limit: 1 }))[0]._id;
    await env.ok('greencard', 'reject', { cardId: otherCard, reason: '荣誉信息有误' }, { as: 'demo-staff-city' });
    expect((await noticesOf(other._id)).map((x) => [x.kind, x.body])).toEqual([['card_rejected', '原因：荣誉信息有误。如有疑问请联系所在工会。']]);
  });

  it('green card: a card issued in a batch tells its holder; 30 days before expiry, one renewal reminder per card', async () => {
    const a = await modelWorker();
    await env.ok('greencard', 'issueBatch', { orgId: 'org_jx' }, { as: 'demo-staff-city' });
    const issued = await noticesOf(a._id, 'card_issued');
    expect(issued).toHaveLength(1);
    const card = (await env.store.find<{ _id: string; validUntil: string }>('greencard_cards', { userId: a._id }, { limit: 1 }))[0];
    // Move the clock to 20 days before expiry (Shanghai noon).
    const { addLocalDays } = await import('../../../types/time');
    env.clock.set(`${addLocalDays(card.validUntil, -20)}T04:00:00.000Z`);
    await env.ok('greencard', 'remind', {}, { as: null });
    env.clock.advance(3600_000);
    await env.ok('greencard', 'remind', {}, { as: null });
    env.clock.advance(86_400_000);
    await env.ok('greencard', 'remind', {}, { as: null });
    const due = await noticesOf(a._id, 'card_renewal_due');
    expect(due).toHaveLength(1);
    expect(due[0].body).toContain('请及时联系所在工会办理续期');
  });
});

/** A fresh model worker of the city (a confirmed national honour), with no card yet. */
async function modelWorker(): Promise<UserDoc> {
  const u = await person();
  const h = (await env.store.find<{ _id: string }>('honours', { title: '全国劳动模范' }, { limit: 1 }))[0];
  const copy = { ...(await env.store.get<{ _id: string }>('honours', h._id))!, _id: `h_notice_${++n}`, linkedUserId: u._id, linkStatus: 'confirmed' };
  await env.store.insert('honours', copy);
  await env.store.update('users', { _id: u._id }, { $set: { honourIds: [copy._id] } });
  return (await env.store.get<UserDoc>('users', u._id))!;
}
