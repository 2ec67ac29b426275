/**
 * Filing: drafts, the case itself (by the worker, or by grassroots staff for a member who may have no phone or no
 * account), resubmission after a return, withdrawal, and dispatch (下派核实) by a county or town.
 *
 * One open case per person, aid kind and year, whoever files it: each aid kind is a slot keyed by the person's ID
 * hash (core/claims.ts), claimed in a fixed order before the case is written, so the worker and their union filing at
 * the same moment end with one case, and the second is told where the first is. The order of writes — slots, the case
 * (created or moved from its draft, with its audit entry and notices), then its files attached — leaves only states
 * the recovery pass finishes: a slot whose case never landed is released, files listed on a case are attached.
 */
import { AID_KIND_LABELS, CONSENT_VERSION, type AidKind, type DraftForm, type CaseForm, type MemberRecord } from '../../../types/hardship.model';
import { incomeOfForm } from '../../../types/hardship.rules';
import { caseWorkflow, OPEN_STATES } from '../../../types/hardship.workflow';
import { endOfLocalDay, formatDate, localDateOf, localYearOf } from '../../../types/time';
import { authorityOf, covers, isAdmin, mayDecideAtLevel, require as requireVerdict } from '../../core/authority';
import { claimSlot, releaseSlot } from '../../core/claims';
import type { HandlerContext, Input, MemberContext } from '../../core/context';
import { AppError, forbidden, notFound } from '../../core/errors';
import { FILES, type FileDoc, attachFiles } from '../../core/files';
import type { FilePurpose } from '../../../types/files.schema';
import { REQUEST_LEASE_MS } from '../../core/requests';
import type { DocValue } from '../../core/store/port';
import type { OrgDoc, UserDoc } from '../../core/users';
import { create, move } from '../../core/workflow';
import { identityFields, maskName } from '../account/identity';
import { getOrg, requireGrassroots } from '../account/orgs';
import { configFor } from './config';
import { C, type CaseDoc, FILE_OWNER, caseIdFor, caseNoOf, slotIdOf, type SlotDoc } from './model';
import { dispatchedStaff, notify, staffOf } from './notify';
import { arriveAt, routeOf, stepLabel, stepsFor } from './route';
import { stepTextOf, summaryOf } from './views';

export interface Person {
  userId: string | null;
  idHash: string;
  idLast4: string;
  idRegion: string;
  birthYear: number;
  name: string;
  phone: string | null;
  org: OrgDoc;
  /** The union where the person holds a staff post (their case goes to the union above it). */
  postOrgId: string | null;
}

function personOfUser(user: UserDoc, org: OrgDoc): Person {
  return { userId: user._id, idHash: user.idHash, idLast4: user.idLast4, idRegion: user.idRegion, birthYear: user.birthYear, name: user.name, phone: user.phone, org, postOrgId: postOf(user) };
}

/** The union where a person holds a staff post (null: none). */
export function postOf(user: Pick<UserDoc, 'roles' | 'staffOrgId'> | null | undefined): string | null {
  return user?.roles.includes('staff') && user.staffOrgId ? user.staffOrgId : null;
}

function isStaff(ctx: MemberContext): boolean {
  return isAdmin(ctx.caller) || (ctx.caller.roles.includes('staff') && !!ctx.caller.staffOrg);
}

/**
 * The person a case is about: the caller (self-filing), or a member staff file for. A member who has an account is
 * matched by ID hash (so they see the case as their own) and must be someone the caller may act for.
 */
export async function personFor(ctx: MemberContext, member: MemberRecord | undefined): Promise<{ person: Person; origin: 'self' | 'behalf' }> {
  if (!member) {
    const org = await getOrg(ctx.store, ctx.caller.user.orgId);
    if (!org) throw notFound('没有找到您所在的工会，请先完善个人信息');
    return { person: personOfUser(ctx.caller.user, org), origin: 'self' };
  }
  if (!isStaff(ctx)) throw forbidden('只有工会工作人员可以代职工申请');
  const ids = identityFields(ctx.runtime.secrets.idHashKey, member.idNumber);
  const [user] = await ctx.store.find<UserDoc>('users', { idHash: ids.idHash }, { limit: 1 });
  if (user && user._id === ctx.caller.user._id) throw new AppError('validation', '为本人申请请直接填写，不用代为申请', [{ path: ['member', 'idNumber'], message: '这是您本人的身份证号' }]);
  const org = await requireGrassroots(ctx.store, user?.orgId ?? member.orgId);
  if (!covers(ctx.caller, org.path)) throw new AppError('hardship.not_member', '这位职工不在您所在工会的管理范围内', [{ path: ['member', 'orgId'], message: '不在您的管理范围内' }]);
  if (user) {
    const verdict = await authorityOf(ctx).mayActOnPerson(user);
    if (!verdict.ok) throw forbidden(verdict.message);
    return { person: personOfUser(user, org), origin: 'behalf' };
  }
  return { person: { userId: null, ...ids, name: member.name, phone: member.phone ?? null, org, postOrgId: null }, origin: 'behalf' };
}

function personFields(p: Person) {
  return {
    userId: p.userId,
    idHash: p.idHash,
    idLast4: p.idLast4,
    idRegion: p.idRegion,
    birthYear: p.birthYear,
    name: p.name,
    nameMasked: maskName(p.name),
    phone: p.phone,
    orgId: p.org._id,
    orgPath: [...p.org.path],
    orgName: p.org.name,
  };
}

/** A new case's fields before its first step. */
export function blankCase(ctx: HandlerContext, id: string, p: Person, extra: Partial<CaseDoc>): Omit<CaseDoc, 'status' | 'version' | 'history' | 'updatedAt'> {
  const at = ctx.now.toISOString();
  return {
    _id: id,
    type: 'aid',
    origin: 'self',
    caseNo: caseNoOf(id, ctx.now, localDateOf),
    year: localYearOf(ctx.now),
    ...personFields(p),
    filerId: null,
    filerOrgId: null,
    dispatch: null,
    householdId: null,
    form: null,
    formVersion: 0,
    previousForms: [],
    income: null,
    consent: null,
    aidKinds: [],
    slotIds: [],
    files: [],
    steps: [],
    stepIndex: 0,
    stepKind: null,
    stepOrgId: null,
    stepOrgPath: [],
    routeOrgIds: [],
    dueAt: null,
    returnedFrom: null,
    returnMissing: [],
    visits: [],
    incomeChecks: [],
    category: null,
    awards: [],
    totalAmount: null,
    decidedStep: null,
    decidingOrgId: null,
    decidingOrgPath: [],
    noticeFrom: null,
    noticeUntil: null,
    noticeEndsAt: null,
    objections: [],
    reminders: [],
    payment: null,
    recheck: null,
    createdAt: at,
    filedAt: null,
    decidedAt: null,
    paidAt: null,
    archivedAt: null,
    recheckDueOn: null,
    ...extra,
  };
}

// ---- Files ---------------------------------------------------------------------------------------------------

/** Checks (reading only) that files may go on this case, before anything is written. */
export async function checkFiles(ctx: MemberContext, ids: readonly string[], caseId: string, purposes: readonly FilePurpose[], byStaff = false): Promise<void> {
  if (ids.length === 0) return;
  const docs = await ctx.store.find<FileDoc>(FILES, { _id: { $in: [...new Set(ids)] } }, { limit: 100 });
  const byId = new Map(docs.map((d) => [d._id, d]));
  for (const id of ids) {
    const doc = byId.get(id);
    if (!doc || (!byStaff && doc.uploaderId !== ctx.caller.user._id) || !purposes.includes(doc.purpose)) {
      throw new AppError('files.not_yours', '有文件不能用在这里，请重新上传', [{ path: ['form', 'attachments'], message: '文件不能用在这里' }]);
    }
    if (doc.status !== 'uploaded') throw new AppError('files.not_uploaded', `“${doc.name}”还没有上传完成，请重新上传`, [{ path: ['form', 'attachments'], message: '文件还没有上传完成' }]);
    if (doc.attachedTo && (doc.attachedTo.kind !== FILE_OWNER || doc.attachedTo.id !== caseId)) {
      throw new AppError('files.not_yours', `“${doc.name}”已用于其他记录，请重新上传`, [{ path: ['form', 'attachments'], message: '文件已用于其他记录' }]);
    }
  }
}

export async function attachTo(ctx: MemberContext, c: { _id: string }, ids: readonly string[], purposes: readonly FilePurpose[], byStaff = false): Promise<void> {
  if (ids.length > 0) await attachFiles(ctx, ids, { kind: FILE_OWNER, id: c._id }, { purposes, byStaff });
}

const attachmentIds = (form: DraftForm | null | undefined) => (form?.attachments ?? []).map((a) => a.fileId);
const withFiles = (c: Pick<CaseDoc, 'files'>, ids: readonly string[]) => [...new Set([...c.files, ...ids])];

// ---- Slots ---------------------------------------------------------------------------------------------------

/** Why a second case cannot be filed, in words that say where the first one is. */
async function duplicateError(ctx: HandlerContext, holder: string, aidKind: AidKind): Promise<AppError> {
  const other = await ctx.store.get<CaseDoc>(C.cases, holder);
  const where = other ? `（编号 ${other.caseNo}，${other.origin === 'self' ? '本人' : '工会'}于${formatDate(other.filedAt ?? other.createdAt)}提交，${stepTextOf(other)}）` : '';
  return new AppError('hardship.duplicate', `这位职工今年已有一份${AID_KIND_LABELS[aidKind]}申请${where}，请在原申请中查看进度，不要重复提交`);
}

/**
 * Claims the person's slot for each aid kind, in a fixed order (so two filers racing for overlapping kinds cannot
 * each win one). On a lost slot the ones just won are given back and the error names the case that holds it.
 */
export async function claimSlots(ctx: HandlerContext, idHash: string, year: number, aidKinds: readonly AidKind[], holder: string): Promise<string[]> {
  const kinds = [...new Set(aidKinds)].sort();
  const won: string[] = [];
  const at = ctx.now.toISOString();
  for (const kind of kinds) {
    const id = slotIdOf(idHash, kind, year);
    let claim = await claimSlot<SlotDoc>(ctx.store, C.slots, { _id: id, holder, at });
    if (!claim.won && (await staleSlot(ctx, claim.slot))) {
      await releaseSlot(ctx.store, C.slots, id, claim.slot.holder);
      claim = await claimSlot<SlotDoc>(ctx.store, C.slots, { _id: id, holder, at });
    }
    if (!claim.won) {
      for (const w of won) await releaseSlot(ctx.store, C.slots, w, holder);
      throw await duplicateError(ctx, claim.slot.holder, kind);
    }
    won.push(id);
  }
  return won;
}

/** A slot no case stands behind any more: its case never landed (and the call that claimed it is long dead) or ended. */
export async function staleSlot(ctx: HandlerContext, slot: SlotDoc): Promise<boolean> {
  const owner = await ctx.store.get<CaseDoc>(C.cases, slot.holder);
  const old = Date.parse(slot.at) < ctx.now.getTime() - REQUEST_LEASE_MS;
  if (!owner) return old;
  if (owner.status === 'withdrawn' || owner.status === 'rejected') return true;
  return old && (owner.status === 'draft' || !owner.slotIds.includes(slot._id));
}

export async function releaseSlots(ctx: HandlerContext, c: Pick<CaseDoc, '_id' | 'slotIds'>): Promise<void> {
  for (const id of c.slotIds) await releaseSlot(ctx.store, C.slots, id, c._id);
}

// ---- Drafts, filing, resubmitting, withdrawing ----------------------------------------------------------------

async function ownCase(ctx: MemberContext, caseId: string): Promise<CaseDoc> {
  const c = await ctx.store.get<CaseDoc>(C.cases, caseId);
  if (!c || c.filerId !== ctx.caller.user._id) throw notFound('没有找到这份申请');
  return c;
}

/** A retry of this very request (the move is in the case's history). */
const didThis = (c: CaseDoc, ctx: HandlerContext, event: string) => !!ctx.requestId && c.history.some((h) => h.requestId === ctx.requestId && h.event === event);

export async function saveDraft(ctx: MemberContext, input: Input<'hardship', 'saveDraft'>) {
  const form = input.form;
  if (input.caseId) {
    const draft = await ownCase(ctx, input.caseId);
    if (didThis(draft, ctx, 'save')) return { caseId: draft._id, savedAt: draft.updatedAt };
    if (draft.status !== 'draft') throw new AppError('hardship.locked', '申请已经提交，不能再作为草稿保存');
    const who = input.member ? personFields((await personFor(ctx, input.member)).person) : {};
    await checkFiles(ctx, attachmentIds(form), draft._id, ['hardship_attachment']);
    const after = await move(ctx, caseWorkflow, C.cases, draft, 'save', {
      set: { ...who, form: form as unknown as DocValue, files: withFiles(draft, attachmentIds(form)) },
      summary: '修改申请草稿',
    });
    await attachTo(ctx, after, attachmentIds(form), ['hardship_attachment']);
    return { caseId: after._id, savedAt: after.updatedAt };
  }
  const caseId = caseIdFor(ctx);
  const existing = await ctx.store.get<CaseDoc>(C.cases, caseId);
  if (existing) return { caseId, savedAt: existing.updatedAt };
  const { person, origin } = await personFor(ctx, input.member);
  await checkFiles(ctx, attachmentIds(form), caseId, ['hardship_attachment']);
  const fields = blankCase(ctx, caseId, person, {
    origin,
    filerId: ctx.caller.user._id,
    filerOrgId: origin === 'behalf' ? ctx.caller.staffOrg?._id ?? null : null,
    form,
    files: attachmentIds(form),
    aidKinds: form.aidKinds ?? [],
  });
  const c = await create<string, string, CaseDoc>(ctx, caseWorkflow, C.cases, fields, 'save', { summary: '保存申请草稿' });
  await attachTo(ctx, c, attachmentIds(form), ['hardship_attachment']);
  return { caseId: c._id, savedAt: c.updatedAt };
}

/** What a filed form sets on its case: the form, the computed income with its inputs, the consent. */
async function formFields(ctx: MemberContext, c: Pick<CaseDoc, 'orgPath' | 'year'>, form: CaseForm, onPaper: boolean) {
  const { config } = await configFor(ctx, c.orgPath, c.year);
  return {
    config,
    fields: {
      form: form as unknown as DocValue,
      income: { ...incomeOfForm(form), dibao: config.dibao } as unknown as DocValue,
      consent: { version: CONSENT_VERSION, at: ctx.now.toISOString(), byUserId: ctx.caller.user._id, onPaper } as unknown as DocValue,
    },
  };
}

export async function file(ctx: MemberContext, input: Input<'hardship', 'file'>) {
  const form = input.form;
  let draft: CaseDoc | null = null;
  if (input.caseId) {
    draft = await ownCase(ctx, input.caseId);
    if (didThis(draft, ctx, 'file')) return done(ctx, draft);
    if (draft.status !== 'draft') throw new AppError('hardship.locked', `这份申请已是“${caseWorkflow.states[draft.status].label}”，不能再次提交`);
  }
  const caseId = draft?._id ?? caseIdFor(ctx);
  if (!draft) {
    const existing = await ctx.store.get<CaseDoc>(C.cases, caseId);
    if (existing) return done(ctx, existing);
  }
  const resolved = draft && !input.member ? { person: await personOfDraft(ctx, draft), origin: draft.origin as 'self' | 'behalf' } : await personFor(ctx, input.member);
  const { person, origin } = resolved;
  const year = draft?.year ?? localYearOf(ctx.now);
  const { config, fields: filed } = await formFields(ctx, { orgPath: person.org.path, year }, form, origin === 'behalf');
  const steps = await stepsFor(ctx, person.org.path, config, person.postOrgId);
  await checkFiles(ctx, attachmentIds(form), caseId, ['hardship_attachment']);
  const slotIds = await claimSlots(ctx, person.idHash, year, form.aidKinds, caseId);
  const at = ctx.now.toISOString();
  const set: Record<string, DocValue> = {
    ...personFields(person),
    ...filed,
    aidKinds: form.aidKinds,
    slotIds,
    files: withFiles(draft ?? { files: [] }, attachmentIds(form)),
    ...arriveAt(ctx, steps, 0, config),
    routeOrgIds: routeOf(steps),
    filedAt: at,
  };
  const next = stepLabel(steps[0]);
  const who = { _id: caseId, userId: person.userId, filerId: ctx.caller.user._id };
  const opts = { notify: notify.filed(who, next), summary: origin === 'self' ? '本人提交困难帮扶申请' : '工会代职工提交困难帮扶申请' };
  let c: CaseDoc;
  try {
    c = draft
      ? await move(ctx, caseWorkflow, C.cases, draft, 'file', { ...opts, set })
      : await create<string, string, CaseDoc>(
          ctx,
          caseWorkflow,
          C.cases,
          { ...blankCase(ctx, caseId, person, { origin, filerId: ctx.caller.user._id, filerOrgId: origin === 'behalf' ? ctx.caller.staffOrg?._id ?? null : null }), ...(set as unknown as Partial<CaseDoc>) },
          'file',
          opts,
        );
  } catch (e) {
    await releaseSlots(ctx, { _id: caseId, slotIds });
    throw e;
  }
  return done(ctx, c);
}

async function personOfDraft(ctx: HandlerContext, c: CaseDoc): Promise<Person> {
  const org = await getOrg(ctx.store, c.orgId);
  if (!org) throw notFound('没有找到所在的工会');
  const user = c.userId ? (c.userId === ctx.caller.user?._id ? ctx.caller.user : await ctx.store.get<UserDoc>('users', c.userId)) : null;
  return { userId: c.userId, idHash: c.idHash, idLast4: c.idLast4, idRegion: c.idRegion, birthYear: c.birthYear, name: c.name, phone: c.phone, org, postOrgId: postOf(user) };
}

/** The answer of a filing (first or retried): the files it lists attached, and where it goes next. */
async function done(ctx: MemberContext, c: CaseDoc) {
  await attachTo(ctx, c, attachmentIds(c.form), ['hardship_attachment']);
  const message = c.status === 'reviewing' ? `申请已提交，编号 ${c.caseNo}。下一步：${stepTextOf(c)}。` : stepTextOf(c);
  return { case: summaryOf(c, ctx.caller, ctx.now), message };
}

export async function resubmit(ctx: MemberContext, input: Input<'hardship', 'resubmit'>) {
  const c = await ownCase(ctx, input.caseId);
  if (didThis(c, ctx, 'resubmit')) return done(ctx, c);
  if (c.status !== 'returned') throw new AppError('wrong_state', `这份申请是“${caseWorkflow.states[c.status].label}”，不需要重新提交`);
  const form = input.form;
  if ([...form.aidKinds].sort().join() !== [...c.aidKinds].sort().join()) {
    throw new AppError('hardship.locked', '提交后不能更改救助项目；如需更改，请撤回后重新申请', [{ path: ['form', 'aidKinds'], message: '救助项目不能更改' }]);
  }
  await checkFiles(ctx, attachmentIds(form), c._id, ['hardship_attachment']);
  const { config, fields } = await formFields(ctx, c, form, c.origin !== 'self');
  const back = Math.min(c.returnedFrom ?? 0, c.steps.length - 1);
  const previous = c.form ? [...c.previousForms, { v: c.formVersion, at: c.updatedAt, form: c.form }].slice(-10) : c.previousForms;
  const after = await move(ctx, caseWorkflow, C.cases, c, 'resubmit', {
    set: {
      ...fields,
      formVersion: c.formVersion + 1,
      previousForms: previous as unknown as DocValue,
      files: withFiles(c, attachmentIds(form)),
      ...arriveAt(ctx, c.steps, back, config),
      returnedFrom: null,
      returnMissing: [],
    },
    summary: `补充材料后重新提交（第 ${c.formVersion + 1} 版）`,
    notify: notify.reached(c, stepLabel(c.steps[back])),
  });
  return done(ctx, after);
}

export async function withdraw(ctx: MemberContext, input: Input<'hardship', 'withdraw'>) {
  const c = await ownCase(ctx, input.caseId);
  if (!didThis(c, ctx, 'withdraw') && !OPEN_STATES.includes(c.status)) throw new AppError('wrong_state', `这份申请已是“${caseWorkflow.states[c.status].label}”，审批后不能撤回`);
  const after = didThis(c, ctx, 'withdraw')
    ? c
    : await move(ctx, caseWorkflow, C.cases, c, 'withdraw', { ...(input.reason ? { reason: input.reason } : {}), summary: '提交人撤回申请', set: { dueAt: null } });
  await releaseSlots(ctx, after);
  return { case: summaryOf(after, ctx.caller, ctx.now), message: '申请已撤回' };
}

// ---- Dispatch (下派核实) ---------------------------------------------------------------------------------------

export async function dispatch(ctx: MemberContext, input: Input<'hardship', 'dispatch'>) {
  requireVerdict(mayDecideAtLevel(ctx.caller, 'town', '下派核实'));
  const byOrg = ctx.caller.staffOrg ?? null;
  const created: { caseId: string; name: string }[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const dueAt = endOfLocalDay(input.dueOn).toISOString();
  if (Date.parse(dueAt) <= ctx.now.getTime()) throw new AppError('validation', '核实期限应在今天之后', [{ path: ['dueOn'], message: '核实期限应在今天之后' }]);
  const year = localYearOf(ctx.now);
  /** The staff told of a dispatch, per union (looked up once per call). */
  const staffAt: Record<string, string[]> = {};
  for (const [i, row] of input.rows.entries()) {
    try {
      const { person } = await personFor(ctx, { name: row.name, idNumber: row.idNumber, phone: row.phone, orgId: row.orgId });
      const caseId = caseIdFor(ctx, `${i}:${person.idHash}`);
      const existing = await ctx.store.get<CaseDoc>(C.cases, caseId);
      if (existing) {
        created.push({ caseId, name: existing.name });
        continue;
      }
      const { config } = await configFor(ctx, person.org.path, year);
      const steps = await stepsFor(ctx, person.org.path, config, person.postOrgId);
      const slotIds = await claimSlots(ctx, person.idHash, year, input.aidKinds, caseId);
      const fields = blankCase(ctx, caseId, person, {
        origin: 'dispatch',
        dispatch: { byOrgId: byOrg?._id ?? '', byOrgName: byOrg?.name ?? '系统管理员', reason: row.reason, dueOn: input.dueOn },
        aidKinds: [...input.aidKinds],
        slotIds,
        routeOrgIds: routeOf(steps, [byOrg?._id]),
        filedAt: ctx.now.toISOString(),
        ...(arriveAt(ctx, steps, 0, config, dueAt) as unknown as Partial<CaseDoc>),
      });
      try {
        staffAt[steps[0].orgId] ??= await staffOf(ctx.store, steps[0].orgId);
        await create<string, string, CaseDoc>(ctx, caseWorkflow, C.cases, fields, 'dispatch', {
          summary: `${byOrg?.name ?? '系统管理员'}下派核实，期限${formatDate(input.dueOn)}`,
          note: row.reason,
          notify: dispatchedStaff(staffAt[steps[0].orgId], fields, byOrg?.name ?? '系统管理员', dueAt),
        });
      } catch (e) {
        await releaseSlots(ctx, { _id: caseId, slotIds });
        throw e;
      }
      created.push({ caseId, name: person.name });
    } catch (e) {
      if (!(e instanceof AppError) || e.code === 'internal') throw e;
      skipped.push({ name: row.name, reason: e.userMessage });
    }
  }
  return { created, skipped };
}
