/**
 * The object-level authorisation suite, generated from the registry like the registry suite. Every staff-facing
 * action declares its target (types/contract.ts `Target`); for each one-record action and each relation between a
 * staff caller and the record — self, same union, child org, parent org, sibling subtree, a superior's account, a
 * peer's account, an administrator, another hospital's clerk — the suite builds such a record, puts its id into the
 * action's example input and checks the outcome declared once below (or the action's own `allow`). Lists declare
 * what they list; the suite checks that nothing outside the caller's reach appears in them. New actions join by
 * declaring their target; a kind without a fixture fails the suite.
 */
import type { ActionSpec, Relation, Target, TargetKind } from '../types/contract';
import { registry, type FunctionName } from '../types/registry';
import type { Role } from '../types/roles';
import { TRANSFERS, type TransferDoc } from './domain/account/transfers';
import { honourDocOf } from './domain/account/honours';
import { C as GC, type CardDoc, type HospitalDoc } from './domain/greencard/docs';
import type { OrgDoc, UserDoc } from './core/users';
import type { HandlerContext } from './core/context';
import { EXAMPLE_FORM, caseForm } from '../types/hardship.schema';
import { blankCase } from './domain/hardship/filing';
import { C as HC, type CaseDoc, type Step } from './domain/hardship/model';
import { createTestEnv, makeTestIdNumber, type TestEnv } from './testing/harness';
import { archiveHousehold, insertWish, wishDocIn } from './domain/wishes/testkit';
import type { WishDoc } from './domain/wishes/model';

const RELATIONS: Relation[] = ['self', 'sameUnion', 'childOrg', 'parentOrg', 'siblingSubtree', 'superiorAccount', 'peerAccount', 'admin', 'otherHospitalClerk'];

/** Declared once: a staff member may act on what lies in their own union's reach and below — nothing else. */
const ALLOWED_BY_DEFAULT: readonly Relation[] = ['sameUnion', 'childOrg'];

type Case = { fn: FunctionName; action: string; spec: ActionSpec; target: Extract<Target, { field: string }> };
type ListCase = { fn: FunctionName; action: string; spec: ActionSpec; lists: TargetKind };

const ALL = Object.entries(registry).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, ActionSpec>).map(([action, spec]) => ({ fn: fn as FunctionName, action, spec })),
);
const staffFacing = (spec: ActionSpec) => typeof spec.access !== 'string' && (spec.access as readonly Role[]).includes('staff');
const ONE_RECORD: Case[] = ALL.filter((a) => staffFacing(a.spec) && 'field' in a.spec.target).map((a) => ({ ...a, target: a.spec.target as Case['target'] }));
const LISTS: ListCase[] = ALL.filter((a) => a.spec.target.kind === 'scope' && 'lists' in a.spec.target && a.spec.target.lists).map((a) => ({ ...a, lists: (a.spec.target as { lists: TargetKind }).lists }));

// ---------------------------------------------------------------------------------------------------------------
// The world: a staff caller at a town (大云镇) and at a county (嘉善县), and orgs in every relation to each.

interface Frame {
  caller: UserDoc;
  /** The caller's org and the unions in each relation to it. */
  org: string;
  memberUnion: string;
  childUnion: string;
  parentOrg: string;
  parentUnion: string;
  siblingOrg: string;
  siblingUnion: string;
  superiorPostOrg: string;
}

let env: TestEnv;
let town: Frame;
let county: Frame;
let n = 0;
const staffAt = new Map<string, UserDoc>();

async function addOrg(id: string, name: string, parentId: string): Promise<void> {
  const parent = (await env.store.get<OrgDoc>('orgs', parentId))!;
  await env.store.set<OrgDoc>('orgs', { _id: id, name, level: 'grassroots', parentId, path: [...parent.path, id] });
}

async function person(frame: Frame, relation: Relation, extra: Partial<Parameters<TestEnv['addUser']>[0]> = {}): Promise<UserDoc> {
  n++;
  const base = { name: '测试人员', idNumber: makeTestIdNumber(5000 + n, 1975), ...extra };
  switch (relation) {
    case 'self': return frame.caller;
    case 'sameUnion': return env.addUser({ ...base, orgId: frame.memberUnion, roles: ['worker', 'volunteer'] });
    case 'childOrg': return env.addUser({ ...base, orgId: frame.childUnion, roles: ['worker', 'volunteer'] });
    case 'parentOrg': return env.addUser({ ...base, orgId: frame.parentUnion, roles: ['worker', 'volunteer'] });
    case 'siblingSubtree': return env.addUser({ ...base, orgId: frame.siblingUnion, roles: ['worker', 'volunteer'] });
    case 'superiorAccount': return env.addUser({ ...base, orgId: frame.memberUnion, roles: ['worker', 'volunteer', 'staff'], staffOrgId: frame.superiorPostOrg });
    case 'peerAccount': return env.addUser({ ...base, orgId: frame.memberUnion, roles: ['worker', 'volunteer', 'staff'], staffOrgId: frame.org });
    case 'admin': return env.addUser({ ...base, orgId: frame.memberUnion, roles: ['worker', 'volunteer', 'admin'] });
    case 'otherHospitalClerk': return env.addUser({ ...base, orgId: frame.memberUnion, roles: ['worker', 'volunteer', 'hospital_staff'], hospitalId: 'hosp_jx2' });
  }
}

/** The org that owns a record "in this relation": the caller's, a child union, the parent, the sibling. */
function ownerOrg(frame: Frame, relation: Relation): string | null {
  switch (relation) {
    case 'sameUnion': return frame.org;
    case 'childOrg': return frame.childUnion;
    case 'parentOrg': return frame.parentOrg;
    case 'siblingSubtree': return frame.siblingOrg;
    default: return null;
  }
}

async function staffOf(orgId: string): Promise<UserDoc> {
  let s = staffAt.get(orgId);
  if (!s) {
    s = await env.addUser({ orgId: town.memberUnion, roles: ['worker', 'staff'], staffOrgId: orgId, idNumber: makeTestIdNumber(9000 + staffAt.size, 1970) });
    staffAt.set(orgId, s);
  }
  return s;
}

async function tripBy(orgId: string, needsReview = false): Promise<{ tripId: string; sessionId: string }> {
  const organiser = await staffOf(orgId);
  const example = registry.trips.createTrip.example as { trip: Record<string, unknown> };
  const made = await env.ok<{ tripId: string }>('trips', 'createTrip', { trip: { ...example.trip, needsReview, rules: { audience: 'all', onePerYear: false }, title: `权限测试 ${++n}` } }, { as: organiser.openid });
  await env.ok('trips', 'publishTrip', { tripId: made.tripId }, { as: organiser.openid });
  const edit = await env.ok<{ form: { sessions: { id: string }[] } }>('trips', 'getForEdit', { tripId: made.tripId }, { as: organiser.openid });
  return { tripId: made.tripId, sessionId: edit.form.sessions[0].id };
}

// ---------------------------------------------------------------------------------------------------------------
// Fixtures: a record of each kind in a relation to the caller, as the input patch that names it (null: n/a).

type Patch = Record<string, unknown>;
type Fixture = (frame: Frame, relation: Relation, action: string) => Promise<Patch | null>;

const CALLER_OF: Record<TargetKind, 'town' | 'county'> = {
  person: 'town', honour: 'town', transfer: 'town', trip: 'town', session: 'town', signup: 'town',
  card: 'county', org: 'county', hospital: 'county', wish: 'county',
  case: 'town', household: 'town',
};

/** The union a record "in this relation" belongs to, and the org acting on it (a case's step, a decision). */
function placeOf(frame: Frame, relation: Relation): { union: string; acting: string } {
  switch (relation) {
    case 'childOrg': return { union: frame.childUnion, acting: frame.org };
    case 'parentOrg': return { union: frame.parentUnion, acting: frame.parentOrg };
    case 'siblingSubtree': return { union: frame.siblingUnion, acting: frame.siblingOrg };
    default: return { union: frame.memberUnion, acting: frame.org };
  }
}

async function stepAt(orgId: string, kind: Step['kind'], incomeCheck = false): Promise<Step> {
  const org = (await env.store.get<OrgDoc>('orgs', orgId))!;
  return { kind, level: org.level, orgId, orgName: org.name, orgPath: org.path, incomeCheck };
}

/** A hardship case about a person in the relation, at the state and step the action needs. */
async function hardshipCase(frame: Frame, relation: Relation, action: string): Promise<string> {
  const who = await person(frame, relation);
  const { union, acting } = placeOf(frame, relation);
  const unionOrg = (await env.store.get<OrgDoc>('orgs', union))!;
  // A reminder comes from above: the step is the union's own verification.
  const stepOrg = action === 'remind' ? union : acting;
  const verify = await stepAt(union, 'verify');
  const steps: Step[] = action === 'verify' ? [await stepAt(stepOrg, 'verify'), await stepAt(frame.parentOrg, 'review', true)]
    : action === 'forward' ? [verify, await stepAt(stepOrg, 'review', true), await stepAt(frame.parentOrg, 'review')]
      : action === 'remind' ? [verify, await stepAt(frame.org, 'review', true)]
        : [verify, await stepAt(stepOrg, 'review', true)];
  const index = action === 'verify' || action === 'remind' ? 0 : 1;
  const status = action === 'recordPayments' ? 'paying' : action === 'archive' || action === 'closeCase' ? 'paid' : 'reviewing';
  const id = `hc_auth_${++n}`;
  const ctx = { now: env.clock.now } as HandlerContext;
  const form = caseForm.parse(EXAMPLE_FORM);
  const doc: CaseDoc = {
    ...blankCase(ctx, id, { userId: who._id, idHash: `${who.idHash}`, idLast4: who.idLast4, idRegion: who.idRegion, birthYear: who.birthYear, name: who.name, phone: who.phone, org: unionOrg, postOrgId: null }, {
      type: action === 'conclude' ? 'recheck' : 'aid',
      householdId: action === 'conclude' ? 'hh_auth' : null,
      filerId: who._id,
      form,
      income: { annualIncome: 48000, rigidExpenses: 18000, householdSize: 2, perCapitaMonthly: 1250, dibao: 1180 },
      aidKinds: ['medical'],
      steps,
      stepIndex: index,
      stepKind: status === 'reviewing' ? steps[index].kind : null,
      stepOrgId: steps[index].orgId,
      stepOrgPath: steps[index].orgPath,
      routeOrgIds: [...new Set(steps.map((s) => s.orgId))],
      dueAt: new Date(env.clock.now.getTime() + 86_400_000).toISOString(),
      totalAmount: 10000,
      category: 'relative',
      decidingOrgId: acting,
      decidingOrgPath: (await env.store.get<OrgDoc>('orgs', acting))!.path,
    }),
    status,
    version: 1,
    history: [],
    updatedAt: env.clock.now.toISOString(),
  };
  await env.store.insert(HC.cases, doc);
  return id;
}

/** The state a wish fixture is in for each wishes action (what the action acts on). */
const WISH_STATE_FOR: Record<string, WishDoc['status']> = {
  wish: 'published', resubmit: 'returned', withdraw: 'submitted', confirm: 'delivered', dispute: 'delivered', thank: 'completed', vet: 'submitted', fulfil: 'published',
};

let volunteer: UserDoc | null = null;

async function archivedHouseholdOf(frame: Frame, relation: Relation) {
  const who = await person(frame, relation);
  return archiveHousehold(env.store, env.secrets.idHashKey, { user: who }, env.clock.now.toISOString());
}

const FIXTURES: Record<TargetKind, Fixture> = {
  async household(frame, relation) {
    return { householdId: (await archivedHouseholdOf(frame, relation))._id };
  },

  async wish(frame, relation, action) {
    // A wish of the household of a person in the relation, in the state the action acts on.
    const household = await archivedHouseholdOf(frame, relation);
    volunteer ??= await env.addUser({ orgId: 'gu_js_xinrui', roles: ['worker', 'volunteer'], idNumber: makeTestIdNumber(8100, 1975) });
    const w = await wishDocIn(env.store, household, WISH_STATE_FOR[action] ?? 'submitted', env.clock.now.toISOString(), { id: `w_auth_${++n}`, volunteer });
    await insertWish(env.store, w);
    return { wishId: w._id };
  },

  async person(frame, relation) {
    return { userId: (await person(frame, relation))._id };
  },

  async honour(frame, relation) {
    const who = await person(frame, relation);
    const registeredAt = ownerOrg(frame, relation) ?? frame.org;
    const org = (await env.store.get<OrgDoc>('orgs', relation === 'childOrg' ? frame.org : registeredAt))!;
    const doc = honourDocOf(env.secrets.idHashKey, { name: '测试人员', idNumber: makeTestIdNumber(7000 + ++n, 1975), title: '全国劳动模范', level: 'national', year: 2020, awardingBody: '国务院' }, org, env.clock.now.toISOString(), 'u_someone_else');
    await env.store.insert('honours', { ...doc, linkedUserId: who._id, linkStatus: 'suggested' });
    return { honourId: doc._id };
  },

  async transfer(frame, relation) {
    const moves: Partial<Record<Relation, [string, string]>> = {
      parentOrg: [frame.parentUnion, frame.memberUnion],
      siblingSubtree: [frame.siblingUnion, frame.childUnion],
    };
    const [from, to] = moves[relation] ?? (relation === 'childOrg' ? [frame.childUnion, frame.memberUnion] : [frame.memberUnion, frame.childUnion]);
    const who = relation === 'parentOrg' || relation === 'siblingSubtree' ? await person(frame, relation) : await person(frame, relation);
    const [fromOrg, toOrg] = await Promise.all([env.store.get<OrgDoc>('orgs', from), env.store.get<OrgDoc>('orgs', to)]);
    await env.store.update('users', { _id: who._id }, { $set: { orgId: from, orgPath: fromOrg!.path } });
    const at = env.clock.now.toISOString();
    const t: TransferDoc = {
      _id: `tr_auth_${++n}`, userId: who._id, fromOrgId: from, fromOrgPath: fromOrg!.path, toOrgId: to, toOrgPath: toOrg!.path,
      status: 'pending', reason: '测试', requestedBy: who._id, createdAt: at, updatedAt: at, decision: null, decisionReason: null,
    };
    await env.store.insert(TRANSFERS, t);
    return { transferId: t._id };
  },

  async card(frame, relation, action) {
    const holder = await person(frame, relation);
    const issuer = relation === 'parentOrg' || relation === 'siblingSubtree' ? frame.parentOrg : frame.org;
    const status = action === 'approve' || action === 'reject' ? 'pending' : action === 'reinstate' ? 'suspended' : 'active';
    const at = env.clock.now.toISOString();
    const cardNo = `LA${String(++n).padStart(6, '0')}`;
    const card: CardDoc = {
      _id: `gc_${cardNo}`, cardNo, seq: 100000 + n, userId: holder._id, holderOrgPath: holder.orgPath, holderNameMasked: '测*员',
      holderIdMasked: '3304**********0000', holderBirthYear: 1975, issuerOrgId: issuer, issuerOrgName: '发卡工会', honourId: 'h_x',
      honourTitle: '全国劳动模范', honourLevel: 'national', status, statusReason: null, statusChangedAt: at,
      validFrom: status === 'pending' ? null : '2026-01-01', validUntil: status === 'pending' ? null : '2028-12-31',
      validUntilAt: status === 'pending' ? null : '2028-12-31T16:00:00.000Z', appliedAt: at, createdAt: at, updatedAt: at,
      version: 1, history: [], decision: status === 'suspended' ? { orgId: frame.org, orgPath: [frame.org], byUserId: 'u_x', at, action: 'suspend' } : null,
    };
    if (status === 'suspended') card.decision!.orgPath = (await env.store.get<OrgDoc>('orgs', frame.org))!.path;
    await env.store.insert(GC.cards, card);
    return { cardId: card._id };
  },

  async org(frame, relation) {
    const orgs: Partial<Record<Relation, string>> = { sameUnion: frame.org, childOrg: 'org_jx_js_lx', parentOrg: frame.parentOrg, siblingSubtree: frame.siblingOrg };
    const id = orgs[relation];
    return id ? { orgId: id } : null;
  },

  async hospital(frame, relation, action) {
    const owner = ownerOrg(frame, relation);
    if (!owner) return null;
    const at = env.clock.now.toISOString();
    const id = `hosp_auth_${++n}`;
    const request = action === 'answerHonourRequest';
    const doc: HospitalDoc = {
      _id: id, name: '权限测试医院', address: '地址', desk: '窗口', phone: '0573-00000000', hours: '工作日', priorities: ['registration'],
      honouredOrgIds: request ? [] : [owner], honourRequests: request ? [{ orgId: owner, requestedAt: at, requestedBy: 'u_x' }] : [],
      ownerOrgId: request ? 'org_hz' : owner, createdAt: at, updatedAt: at,
    };
    await env.store.insert(GC.hospitals, doc);
    return request ? { hospitalId: id, orgId: owner } : { id, honouredOrgIds: [owner] };
  },

  async trip(frame, relation) {
    const owner = ownerOrg(frame, relation);
    return owner ? { tripId: (await tripBy(owner)).tripId } : null;
  },

  async session(frame, relation) {
    const owner = ownerOrg(frame, relation);
    return owner ? { sessionId: (await tripBy(owner)).sessionId } : null;
  },

  async signup(frame, relation, action) {
    // A sign-up for a trip the caller's org organises (or the parent's / sibling's), by a person in the relation.
    const organiser = relation === 'parentOrg' ? frame.parentOrg : relation === 'siblingSubtree' ? frame.siblingOrg : frame.org;
    const { tripId, sessionId } = await tripBy(organiser, action === 'review');
    const who = await person(frame, relation);
    const example = registry.trips.signUp.example as { form: Record<string, unknown> };
    const r = await env.call<{ signup: { id: string } }>('trips', 'signUp', { tripId, sessionId, form: example.form }, { as: who.openid });
    if (!r.ok) throw new Error(`fixture sign-up failed for ${relation}: ${r.error.code} ${r.error.message}`);
    return { signupId: r.data.signup.id };
  },

  async case(frame, relation, action) {
    const caseId = await hardshipCase(frame, relation, action);
    if (action === 'recordPayments') {
      const example = registry.hardship.recordPayments.example as { payments: Record<string, unknown>[] };
      return { payments: [{ ...example.payments[0], caseId }] };
    }
    return { caseId };
  },

};

beforeAll(async () => {
  env = await createTestEnv();
  await addOrg('gu_auth_child', '大云镇权限测试工会', 'org_jx_js_dy');
  const townStaff = await env.addUser({ orgId: 'gu_js_dongyun_coop', roles: ['worker', 'staff'], staffOrgId: 'org_jx_js_dy', idNumber: makeTestIdNumber(8001, 1980) });
  const countyStaff = await env.addUser({ orgId: 'gu_js_office', roles: ['worker', 'staff'], staffOrgId: 'org_jx_js', idNumber: makeTestIdNumber(8002, 1980) });
  town = {
    caller: townStaff, org: 'org_jx_js_dy', memberUnion: 'gu_js_dongyun_coop', childUnion: 'gu_auth_child',
    parentOrg: 'org_jx_js', parentUnion: 'gu_js_office', siblingOrg: 'org_jx_js_lx', siblingUnion: 'gu_js_xinrui', superiorPostOrg: 'org_jx_js',
  };
  county = {
    caller: countyStaff, org: 'org_jx_js', memberUnion: 'gu_js_office', childUnion: 'gu_js_xinrui',
    parentOrg: 'org_jx', parentUnion: 'gu_jx_office', siblingOrg: 'org_jx_hn', siblingUnion: 'gu_hn_warp', superiorPostOrg: 'org_jx',
  };
});

/** Codes that mean "not yours to do" (not found hides records out of reach; staff.self_change names the self case). */
const DENIALS = ['auth.forbidden', 'not_found', 'staff.self_change'];

function outcome(r: { ok: boolean; error?: { code: string } }): 'allowed' | 'denied' {
  return !r.ok && DENIALS.includes(r.error!.code) ? 'denied' : 'allowed';
}

describe('authority: every one-record staff action declares a target with a fixture', () => {
  it.each(ONE_RECORD.map((c) => [`${c.fn}.${c.action}`, c] as const))('%s', (_name, c) => {
    expect(Object.keys(FIXTURES)).toContain(c.target.kind);
  });
});

describe.each(ONE_RECORD.map((c) => [`${c.fn}.${c.action} (${c.target.kind})`, c] as const))('authority: %s', (_name, c) => {
  const allowed = c.target.allow ?? ALLOWED_BY_DEFAULT;
  it.each(RELATIONS.map((r) => [r, allowed.includes(r) ? 'allowed' : 'denied'] as const))('%s → %s', async (relation, expected) => {
    const frame = CALLER_OF[c.target.kind] === 'town' ? town : county;
    const patch = await FIXTURES[c.target.kind](frame, relation, c.action);
    if (!patch) return; // the relation does not apply to this kind of record (e.g. a hospital is not a person)
    const input = { ...(c.spec.example as object), ...patch };
    const r = await env.call(c.fn, c.action, input, { as: frame.caller.openid });
    expect({ relation, outcome: outcome(r), code: r.ok ? 'ok' : r.error.code }).toMatchObject({ relation, outcome: expected });
  });
});

describe.each(LISTS.map((c) => [`${c.fn}.${c.action} lists ${c.lists}`, c] as const))('authority: %s', (_name, c) => {
  it('shows records within reach and none outside it', async () => {
    const frame = CALLER_OF[c.lists] === 'town' ? town : county;
    const inside: string[] = [];
    const outside: string[] = [];
    for (const relation of ['sameUnion', 'childOrg', 'parentOrg', 'siblingSubtree'] as Relation[]) {
      const patch = await FIXTURES[c.lists](frame, relation, 'list');
      if (!patch) continue;
      const id = String(Object.values(patch)[0]);
      (ALLOWED_BY_DEFAULT.includes(relation) ? inside : outside).push(id);
    }
    const r = await env.call(c.fn, c.action, c.spec.example, { as: frame.caller.openid });
    expect(r.ok).toBe(true);
    const text = JSON.stringify(r.ok ? r.data : null);
    for (const id of outside) expect({ id, listed: text.includes(id) }).toEqual({ id, listed: false });
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Volunteers are not staff: their reach is the pool of their own area, never their own household's wish. And where
// a town vets, only that town (or above) vets.

describe('authority: wishes for volunteers and vetting towns', () => {
  const published = async (orgId: string, user?: UserDoc) => {
    const household = user
      ? await archiveHousehold(env.store, env.secrets.idHashKey, { user }, env.clock.now.toISOString())
      : await archiveHousehold(env.store, env.secrets.idHashKey, { name: '测试户', idNumber: makeTestIdNumber(8200 + ++n, 1960), orgId }, env.clock.now.toISOString());
    return insertWish(env.store, await wishDocIn(env.store, household, 'published', env.clock.now.toISOString(), { id: `w_vol_${++n}` }));
  };

  it('a volunteer of the area claims; a volunteer of another area cannot', async () => {
    const w = await published('gu_jx_hengtong'); // 南湖区's pool
    const elsewhere = await env.addUser({ orgId: 'gu_js_xinrui', roles: ['worker', 'volunteer'], idNumber: makeTestIdNumber(8301, 1980) });
    expect(await env.call('wishes', 'claim', { wishId: w._id }, { as: elsewhere.openid })).toMatchObject({ ok: false, error: { code: 'wishes.other_area' } });
    const local = await env.addUser({ orgId: 'gu_jx_daqiao_park', roles: ['worker', 'volunteer'], idNumber: makeTestIdNumber(8302, 1980) });
    expect(await env.call('wishes', 'claim', { wishId: w._id }, { as: local.openid })).toMatchObject({ ok: true });
  });

  it('a volunteer cannot claim a wish of their own household (by account or by ID), nor see its details as a volunteer', async () => {
    const me = await env.addUser({ orgId: 'gu_jx_hengtong', roles: ['worker', 'volunteer'], idNumber: makeTestIdNumber(8303, 1970) });
    const w = await published('gu_jx_hengtong', me);
    expect(await env.call('wishes', 'claim', { wishId: w._id }, { as: me.openid })).toMatchObject({ ok: false, error: { code: 'wishes.own_household' } });
    // The same person's household filed without their account (matched by the ID hash).
    const other = await published('gu_jx_hengtong');
    await env.store.update('wishes', { _id: other._id }, { $set: { householdIdHash: me.idHash, householdUserId: null } });
    expect(await env.call('wishes', 'claim', { wishId: other._id }, { as: me.openid })).toMatchObject({ ok: false, error: { code: 'wishes.own_household' } });
  });

  it('where a town vets, staff of another town (or of the grassroots union below it) cannot vet', async () => {
    await env.store.set('wish_policies', { _id: 'org_jx_nh', orgId: 'org_jx_nh', policy: { ...(registry.wishes.savePolicy.example as { policy: object }).policy, vetLevel: 'town' }, updatedAt: '', updatedBy: '' });
    const household = await archiveHousehold(env.store, env.secrets.idHashKey, { name: '测试户', idNumber: makeTestIdNumber(8400, 1960), orgId: 'gu_jx_hengtong' }, env.clock.now.toISOString());
    const w = await insertWish(env.store, await wishDocIn(env.store, household, 'submitted', env.clock.now.toISOString(), { id: `w_town_${++n}` }));
    expect(w.vetOrgId).toBe('org_jx_nh_xj');
    const otherTown = await staffOf('org_jx_nh_dq');
    const grassroots = await staffOf('gu_jx_hengtong');
    const ownTown = await staffOf('org_jx_nh_xj');
    for (const s of [otherTown, grassroots]) {
      expect(await env.call('wishes', 'vet', { wishId: w._id, decision: 'approve' }, { as: s.openid })).toMatchObject({ ok: false, error: { code: 'auth.forbidden' } });
    }
    const queue = await env.ok<{ items: { id: string }[] }>('wishes', 'vetQueue', {}, { as: otherTown.openid });
    expect(queue.items.map((i) => i.id)).not.toContain(w._id);
    expect(await env.call('wishes', 'vet', { wishId: w._id, decision: 'approve' }, { as: ownTown.openid })).toMatchObject({ ok: true, data: { wish: { status: 'published' } } });
    await env.store.remove('wish_policies', { _id: 'org_jx_nh' });
  });
});
