/**
 * The path a case takes up the union tree, from its org's configuration: grassroots verification, then a town review
 * (when the county keeps one), then the county — or up to the configured deciding level — and the city only for large
 * medical aid. Which step may decide and which may pass a case up are answered here, once.
 */
import type { HardshipConfig } from '../../../types/hardship.model';
import type { DocValue } from '../../core/store/port';
import type { HandlerContext } from '../../core/context';
import type { OrgDoc } from '../../core/users';
import { getOrg } from '../account/orgs';
import { orgChain } from './config';
import type { CaseDoc, Step } from './model';

function stepOf(kind: Step['kind'], org: OrgDoc, incomeCheck = false): Step {
  return { kind, level: org.level, orgId: org._id, orgName: org.name, orgPath: [...org.path], incomeCheck };
}

/**
 * The steps of an aid case for a member of the union at the end of `orgPath`. A case about union staff skips their
 * own union and every union below it (nobody acts on someone who holds a post at their org or above): the first union
 * above their post verifies and reviews it.
 */
export async function stepsFor(ctx: HandlerContext, orgPath: readonly string[], config: HardshipConfig, postOrgId: string | null = null): Promise<Step[]> {
  const steps = await plainSteps(ctx, orgPath, config);
  if (!postOrgId) return steps;
  const kept = steps.filter((s) => !s.orgPath.includes(postOrgId));
  if (kept.length === 0) {
    const post = await getOrg(ctx.store, postOrgId);
    const parent = post?.parentId ? await getOrg(ctx.store, post.parentId) : null;
    if (!parent) return steps;
    kept.push(stepOf('review', parent));
  }
  const first = kept[0];
  const out = first.kind === 'verify' ? kept : [{ ...first, kind: 'verify' as const, incomeCheck: false }, ...kept];
  out.forEach((s, i) => (s.incomeCheck = i === 1));
  return out;
}

async function plainSteps(ctx: HandlerContext, orgPath: readonly string[], config: HardshipConfig): Promise<Step[]> {
  const chain = await orgChain(ctx, orgPath);
  const union = chain[chain.length - 1];
  const at = (level: OrgDoc['level']) => chain.find((o) => o.level === level && o._id !== union._id);
  const steps: Step[] = [stepOf('verify', union)];
  const town = at('town');
  const county = at('county');
  const city = at('city');
  if (config.townReview && town) steps.push(stepOf('review', town));
  if (config.decideAt !== 'town' || !town) {
    if (county) steps.push(stepOf('review', county));
    if (config.decideAt === 'city' && city) steps.push(stepOf('review', city));
    if (!county && city && !steps.some((s) => s.orgId === city._id)) steps.push(stepOf('review', city));
  }
  if (steps.length === 1) {
    // A union directly under a federation (an office union): its federation reviews.
    const above = [...chain].reverse().find((o) => o._id !== union._id);
    if (above) steps.push(stepOf('review', above));
  }
  steps[1].incomeCheck = true;
  return steps;
}

/** A re-check's lighter path: grassroots verification and one approval at the deciding level. */
export async function recheckStepsFor(ctx: HandlerContext, orgPath: readonly string[], config: HardshipConfig, postOrgId: string | null = null): Promise<Step[]> {
  const all = await stepsFor(ctx, orgPath, config, postOrgId);
  return [all[0], all[all.length - 1]];
}

/** The city above a case's county, when large medical aid has to go up. */
export async function cityStepFor(ctx: HandlerContext, c: CaseDoc): Promise<Step | null> {
  const city = (await orgChain(ctx, c.orgPath)).find((o) => o.level === 'city');
  return city && !c.steps.some((s) => s.orgId === city._id) ? stepOf('review', city) : null;
}

/** Large medical aid goes up to the city (when the configuration says from which amount). */
export function needsCity(c: CaseDoc, config: HardshipConfig): boolean {
  return config.cityMedicalFrom !== null && c.aidKinds.includes('medical') && (c.form?.medicalCosts ?? 0) >= config.cityMedicalFrom;
}

export interface StepRules {
  /** This step decides (category and amount), or concludes a re-check. */
  canDecide: boolean;
  /** This step may pass the case up a level. */
  canForward: boolean;
  /** The most the town may decide on its own (null: no limit applies here). */
  limit: number | null;
}

export function rulesAt(c: CaseDoc, config: HardshipConfig): StepRules {
  const step = c.steps[c.stepIndex];
  if (!step || step.kind === 'verify') return { canDecide: false, canForward: false, limit: null };
  const last = c.stepIndex === c.steps.length - 1;
  if (c.type === 'recheck') return { canDecide: last, canForward: !last, limit: null };
  const city = step.level === 'county' && needsCity(c, config);
  if (last) return { canDecide: !city, canForward: city, limit: null };
  if (step.level === 'town' && config.townDecidesUpTo !== null) return { canDecide: true, canForward: true, limit: config.townDecidesUpTo };
  return { canDecide: false, canForward: true, limit: null };
}

/** The fields that put a case at step `index`, with that step's deadline starting now. */
export function arriveAt(ctx: HandlerContext, steps: Step[], index: number, config: HardshipConfig, dueAt?: string): Record<string, DocValue> {
  const step = steps[index];
  const days = config.slaDays[step.level === 'province' ? 'city' : step.level];
  return {
    steps: steps as unknown as DocValue,
    stepIndex: index,
    stepKind: step.kind,
    stepOrgId: step.orgId,
    stepOrgPath: step.orgPath,
    dueAt: dueAt ?? new Date(ctx.now.getTime() + days * 86_400_000).toISOString(),
  };
}

export function stepLabel(step: Step, deciding = false): string {
  if (step.kind === 'verify') return `${step.orgName}入户核实`;
  return `${step.orgName}${deciding ? '审批' : '审核'}`;
}

/** Orgs whose staff may see the case: every step's org (and the dispatcher's). */
export function routeOf(steps: readonly Step[], extra: (string | null | undefined)[] = []): string[] {
  return [...new Set([...steps.map((s) => s.orgId), ...extra.filter((x): x is string => !!x)])];
}
