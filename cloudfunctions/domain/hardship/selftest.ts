/** 困难自测: anyone can see which category their household likely falls in, against the local 低保 standard. */
import { CATEGORY_LABELS } from '../../../types/hardship.model';
import { perCapita, selfTestVerdict } from '../../../types/hardship.rules';
import { localYearOf } from '../../../types/time';
import type { HandlerContext, Input, Output } from '../../core/context';
import { getOrg } from '../account/orgs';
import { configFor } from './config';

export async function selfTest(ctx: HandlerContext, input: Input<'hardship', 'selfTest'>): Promise<Output<'hardship', 'selfTest'>> {
  const orgId = input.orgId ?? ctx.caller.user?.orgId ?? null;
  const org = orgId ? await getOrg(ctx.store, orgId) : null;
  const { config, org: from } = await configFor(ctx, org?.path ?? [], localYearOf(ctx.now));
  const facts = perCapita(input.annualIncome, input.medicalCosts + input.schoolingCosts + input.otherCosts, input.householdSize);
  const v = selfTestVerdict(facts, config.dibao, input);
  return {
    perCapitaMonthly: facts.perCapitaMonthly,
    dibao: config.dibao,
    orgName: from?.name ?? org?.name ?? '浙江省（默认标准）',
    category: v.category,
    verdict: v.verdict,
    explain: v.category ? [...v.explain, `对照标准：${CATEGORY_LABELS[v.category]}。最终以工会入户核实和审批为准。`] : v.explain,
    prepare: v.prepare,
  };
}
