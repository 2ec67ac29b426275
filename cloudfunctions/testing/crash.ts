/**
 * Crash injection for the durability suite: a Store that lets a call make k writes and then behaves as if the process
 * died — the (k+1)-th write and everything after it fail, reads included, so nothing more of that call happens. A
 * transaction counts as one write (it lands whole or not at all). Wraps any Store, so the same scenarios run on the
 * embedded store and through the CloudBase adapter and the emulator.
 *
 * `invariants` states what must hold again once the recovery pass has run, whatever step the crash hit.
 */
import type { AnyDoc, Doc, Filter, FindOptions, Store, TxStore, Update, UpdateResult } from '../core/store/port';
import { auditIdOf, type HistoryItem } from '../core/workflow';
import { C as TC, type SessionDoc, type SignupDoc, type YearClaimDoc } from '../domain/trips/model';
import { ACTIVE, HOLDS_PLACE } from '../domain/trips/rules';
import { C as GC, type CardDoc, type HolderDoc } from '../domain/greencard/docs';
import { NOTICES, type NoticeDoc } from '../core/notices';
import { WECHAT_OUTBOX, type OutboxDoc } from '../core/platform/local-wechat';
import { SUBSCRIPTIONS, type SubscriptionDoc } from '../core/sender';
import { C as HC, FILE_OWNER, type CaseDoc, type SlotDoc } from '../domain/hardship/model';
import { HOLDS_SLOTS } from '../../types/hardship.workflow';
import { HOUSEHOLDS, type HouseholdDoc } from '../domain/account/households';
import { FILES, type FileDoc } from '../core/files';
import { C as WC, type PointsDoc, type WishDoc, browseKeysOf } from '../domain/wishes/model';

/** Collections of workflow records whose every history entry must have its audit entry and notices. */
export const WORKFLOW_COLLECTIONS: string[] = [TC.signups, TC.trips, GC.cards, HC.cases, WC.wishes];

export class CrashError extends Error {
  constructor() {
    super('the process died (crash injection)');
    this.name = 'CrashError';
  }
}

export class CrashingStore implements Store {
  writes = 0;
  crashed = false;

  constructor(
    private readonly inner: Store,
    private readonly failAfter: number,
  ) {}

  private read(): void {
    if (this.crashed) throw new CrashError();
  }

  private write(): void {
    if (this.crashed || this.writes >= this.failAfter) {
      this.crashed = true;
      throw new CrashError();
    }
    this.writes++;
  }

  async get<T extends AnyDoc = Doc>(c: string, id: string): Promise<T | null> {
    this.read();
    return this.inner.get<T>(c, id);
  }
  async find<T extends AnyDoc = Doc>(c: string, f: Filter, o?: FindOptions): Promise<T[]> {
    this.read();
    return this.inner.find<T>(c, f, o);
  }
  async count(c: string, f: Filter): Promise<number> {
    this.read();
    return this.inner.count(c, f);
  }
  async insert<T extends AnyDoc>(c: string, doc: T): Promise<void> {
    this.write();
    return this.inner.insert(c, doc);
  }
  async set<T extends AnyDoc>(c: string, doc: T): Promise<void> {
    this.write();
    return this.inner.set(c, doc);
  }
  async update(c: string, f: Filter, u: Update, o?: { multi?: boolean }): Promise<UpdateResult> {
    this.write();
    return this.inner.update(c, f, u, o);
  }
  async remove(c: string, f: Filter, o?: { multi?: boolean }): Promise<number> {
    this.write();
    return this.inner.remove(c, f, o);
  }
  async updateAndGet<T extends AnyDoc = Doc>(c: string, f: Filter, u: Update): Promise<T | null> {
    this.write();
    return this.inner.updateAndGet<T>(c, f, u);
  }
  /** A transaction is one write, counted at its first write operation (one that only reads writes nothing). */
  async transaction<T>(work: (tx: TxStore) => Promise<T>): Promise<T> {
    this.read();
    let counted = false;
    const once = () => {
      if (!counted) this.write();
      counted = true;
    };
    return this.inner.transaction((tx) =>
      work({
        get: (c, id) => tx.get(c, id),
        insert: (c, d) => (once(), tx.insert(c, d)),
        set: (c, d) => (once(), tx.set(c, d)),
        update: (c, id, u) => (once(), tx.update(c, id, u)),
        remove: (c, id) => (once(), tx.remove(c, id)),
      }),
    );
  }
}

async function all<T extends AnyDoc>(store: Store, collection: string, filter: Filter = {}): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; ; skip += 1000) {
    const page = await store.find<T>(collection, filter, { sort: { _id: 1 }, limit: 1000, skip });
    out.push(...page);
    if (page.length < 1000) return out;
  }
}

/**
 * Everything that must hold after recovery. Returns the violations (empty when sound), in plain words for the test
 * report. `since`: history entries from this instant on must have their audit entries (seeded data has none).
 */
export async function invariants(store: Store, since: string): Promise<string[]> {
  const problems: string[] = [];
  const signups = await all<SignupDoc>(store, TC.signups);
  const bySession = new Map<string, SignupDoc[]>();
  for (const s of signups) bySession.set(s.sessionId, [...(bySession.get(s.sessionId) ?? []), s]);
  for (const session of await all<SessionDoc>(store, TC.sessions)) {
    const held = Object.keys(session.held ?? {});
    const mine = bySession.get(session._id) ?? [];
    if (held.length + session.placesLeft !== session.places) problems.push(`${session._id}: ${held.length} holders + ${session.placesLeft} left ≠ ${session.places} places`);
    const holding = mine.filter((s) => HOLDS_PLACE.includes(s.status)).map((s) => s._id).sort();
    if (JSON.stringify(holding) !== JSON.stringify([...held].sort())) problems.push(`${session._id}: ledger ${JSON.stringify(held.sort())} ≠ sign-ups holding ${JSON.stringify(holding)}`);
    const waiting = mine.filter((s) => s.status === 'waiting').length;
    if (session.placesLeft > 0 && waiting > 0) problems.push(`${session._id}: ${waiting} waiting while ${session.placesLeft} places are free`);
  }
  for (const claim of await all<YearClaimDoc>(store, TC.yearClaims)) {
    const owner = signups.find((s) => s._id === claim.holder);
    if (!owner || !ACTIVE.includes(owner.status) || owner.yearClaimId !== claim._id) problems.push(`year claim ${claim._id} outlives its sign-up (${owner?.status ?? 'missing'})`);
  }
  for (const s of signups) {
    if (s.yearClaimId && ACTIVE.includes(s.status) && !(await store.get(TC.yearClaims, s.yearClaimId))) problems.push(`${s._id} is active without its year claim`);
  }
  const records: [string, { _id: string; history: HistoryItem[] }[]][] = [];
  for (const collection of WORKFLOW_COLLECTIONS) records.push([collection, collection === TC.signups ? signups : await all(store, collection)]);
  for (const [collection, docs] of records) {
    for (const doc of docs) {
      for (const item of doc.history ?? []) {
        // Seeded records are made by the system, not by a call: they have no audit entry.
        if (item.at < since || (item.event === 'create' && item.byRoles.includes('system'))) continue;
        if (!(await store.get('audit', auditIdOf(collection, doc._id, item.v)))) problems.push(`${collection}/${doc._id} v${item.v} (${item.event}) has no audit entry`);
        for (let i = 0; i < (item.notices ?? []).length; i++) {
          if (!(await store.get('notices', `n:${collection}:${doc._id}:v${item.v}:${i}`))) problems.push(`${collection}/${doc._id} v${item.v} (${item.event}) lost notice ${i}`);
        }
      }
    }
  }
  problems.push(...(await pushInvariants(store)));
  problems.push(...(await firstInLineInvariants(store, signups, since)));
  problems.push(...(await hardshipInvariants(store)));
  problems.push(...(await wishInvariants(store)));
  for (const holder of await all<HolderDoc>(store, GC.holders)) {
    const card = await store.get<CardDoc>(GC.cards, holder.cardId);
    if (!card || card.userId !== holder._id) problems.push(`card holder ${holder._id} points at ${holder.cardId}, which is not theirs`);
  }
  return problems;
}

/**
 * Subscribe messages (core/sender.ts): no notice reached WeChat twice; every notice marked sent did reach it; none is
 * still held by a dead sender once the send timer has run; and each person's counts add up:
 * granted = left + voided + the notices holding one.
 */
async function pushInvariants(store: Store): Promise<string[]> {
  const problems: string[] = [];
  const delivered = new Map<string, number>();
  for (const d of await all<OutboxDoc>(store, WECHAT_OUTBOX, { errcode: 0 })) delivered.set(d.key, (delivered.get(d.key) ?? 0) + 1);
  for (const [key, times] of delivered) if (times > 1) problems.push(`notice ${key} reached WeChat ${times} times`);
  const held = new Map<string, number>();
  for (const n of await all<NoticeDoc>(store, NOTICES, { push: { $in: ['sent', 'sending', 'pending', 'unknown'] } })) {
    if (n.push === 'sent' && !delivered.has(n._id)) problems.push(`notice ${n._id} is marked sent but never reached WeChat`);
    if (n.push === 'sending') problems.push(`notice ${n._id} is still held by a sender`);
    if (n.reserved && n.template) held.set(`${n.userId}:${n.template}`, (held.get(`${n.userId}:${n.template}`) ?? 0) + 1);
  }
  for (const s of await all<SubscriptionDoc>(store, SUBSCRIPTIONS)) {
    const used = held.get(s._id) ?? 0;
    if (s.granted !== s.left + s.voided + used || s.left < 0) problems.push(`subscription ${s._id}: granted ${s.granted} ≠ left ${s.left} + voided ${s.voided} + used ${used}`);
  }
  return problems;
}

/** The first person waiting in a queue that someone ahead of them left is told they are next (sessions that moved). */
async function firstInLineInvariants(store: Store, signups: SignupDoc[], since: string): Promise<string[]> {
  const problems: string[] = [];
  const moved = new Set(signups.filter((s) => s.updatedAt >= since).map((s) => s.sessionId));
  for (const sessionId of moved) {
    const mine = signups.filter((s) => s.sessionId === sessionId);
    const first = mine.filter((s) => s.status === 'waiting' && s.waitNo !== null).sort((a, b) => a.waitNo! - b.waitNo!)[0];
    if (!first || !mine.some((s) => s.waitNo !== null && s.waitNo < first.waitNo!)) continue;
    if (!(await store.get(NOTICES, `n:trip_first_in_line:${first._id}:r${first.round}`))) problems.push(`${first._id} is first in line without being told`);
  }
  return problems;
}

/**
 * 困难帮扶: every slot is held by a filed case that lists it (and every filed case holds its slots); every archived or
 * concluded case has its household; every file a case lists is attached to it.
 */
async function hardshipInvariants(store: Store): Promise<string[]> {
  const problems: string[] = [];
  const cases = await all<CaseDoc>(store, HC.cases);
  const byId = new Map(cases.map((c) => [c._id, c]));
  for (const slot of await all<SlotDoc>(store, HC.slots)) {
    const c = byId.get(slot.holder);
    if (!c || !HOLDS_SLOTS.includes(c.status) || !c.slotIds.includes(slot._id)) problems.push(`hardship slot ${slot._id} held by ${slot.holder} (${c?.status ?? 'missing'})`);
  }
  const households = new Map((await all<HouseholdDoc>(store, HOUSEHOLDS)).map((h) => [h._id, h]));
  for (const c of cases) {
    if (c.type === 'aid' && HOLDS_SLOTS.includes(c.status)) {
      for (const id of c.slotIds) if ((await store.get<SlotDoc>(HC.slots, id))?.holder !== c._id) problems.push(`hardship case ${c._id} (${c.status}) lost its slot ${id}`);
    }
    if (c.status === 'archived' || c.status === 'concluded') {
      const h = [...households.values()].find((x) => x.caseIds?.includes(c._id));
      if (!h) problems.push(`hardship case ${c._id} (${c.status}) has no household`);
    }
    for (const f of c.files ?? []) {
      const doc = await store.get<FileDoc>(FILES, f);
      if (doc && doc.status === 'uploaded' && (doc.attachedTo?.kind !== FILE_OWNER || doc.attachedTo.id !== c._id)) problems.push(`hardship case ${c._id} lists file ${f}, attached to ${JSON.stringify(doc.attachedTo)}`);
    }
  }
  return problems;
}

/**
 * 微心愿: each volunteer's ledger holds exactly the wishes they have claimed or delivered, each household's allowance
 * exactly its wishes of the year that were not rejected or withdrawn (capacity = left + holders for both); a wish is
 * in the pool exactly while published; a claimed wish names its volunteer and deadline; every wish completed by a
 * volunteer is credited to them exactly once, and each volunteer's total is the sum of their credits.
 */
async function wishInvariants(store: Store): Promise<string[]> {
  const problems: string[] = [];
  const wishes = await all<WishDoc>(store, WC.wishes);
  const quotas: [string, (w: WishDoc) => string | null][] = [
    [WC.volunteers, (w) => (w.status === 'claimed' || w.status === 'delivered' ? w.claim?.volunteerId ?? '?' : null)],
    [WC.allowances, (w) => (w.status === 'rejected' || w.status === 'withdrawn' ? null : w.allowanceId)],
  ];
  for (const [collection, holderOf] of quotas) {
    const expected = new Map<string, string[]>();
    for (const w of wishes) {
      const q = holderOf(w);
      if (q) expected.set(q, [...(expected.get(q) ?? []), w._id]);
    }
    const docs = await all<{ _id: string; capacity: number; left: number; held: Record<string, string> }>(store, collection);
    for (const d of docs) {
      const held = Object.keys(d.held ?? {}).sort();
      if (held.length + d.left !== d.capacity) problems.push(`${collection}/${d._id}: ${held.length} holders + ${d.left} left ≠ ${d.capacity}`);
      const want = (expected.get(d._id) ?? []).sort();
      if (JSON.stringify(held) !== JSON.stringify(want)) problems.push(`${collection}/${d._id}: ledger ${JSON.stringify(held)} ≠ wishes ${JSON.stringify(want)}`);
      expected.delete(d._id);
    }
    for (const [id, ws] of expected) problems.push(`${collection}/${id} missing for ${JSON.stringify(ws)}`);
  }
  const credits = new Map<string, number>();
  for (const w of wishes) {
    const browse = w.status === 'published' ? browseKeysOf(w) : [];
    if (JSON.stringify(w.browse) !== JSON.stringify(browse)) problems.push(`wish ${w._id} (${w.status}) browse ${JSON.stringify(w.browse)}`);
    if (w.status === 'claimed' && (!w.claim || !w.claimDueAt || w.volunteerId !== w.claim.volunteerId)) problems.push(`wish ${w._id} claimed without its claim`);
    if (w.status === 'completed' && w.fulfilledBy === 'volunteer') credits.set(`${w.volunteerId}:${w._id}`, w.points ?? -1);
  }
  for (const p of await all<PointsDoc>(store, WC.points)) {
    const sum = Object.values(p.credited).reduce((a, b) => a + b, 0);
    if (sum !== p.total || Object.keys(p.credited).length !== p.completed) problems.push(`points ${p._id}: total ${p.total}/${p.completed} ≠ credits ${sum}/${Object.keys(p.credited).length}`);
    for (const [wishId, pts] of Object.entries(p.credited)) {
      if (credits.get(`${p._id}:${wishId}`) !== pts) problems.push(`points ${p._id}: credited ${wishId} ${pts} without a completed wish of theirs`);
      credits.delete(`${p._id}:${wishId}`);
    }
  }
  for (const key of credits.keys()) problems.push(`completed wish ${key} not credited`);
  return problems;
}
