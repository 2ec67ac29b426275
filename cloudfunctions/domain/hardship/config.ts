/**
 * The configuration per org and year: the 低保 standard, which levels a case passes and which decides, deadlines,
 * 公示 length, tiers. Set by staff covering a county-level org or above; a case follows the nearest org above it that
 * has one for the year (else the built-in defaults). Read on hot paths, so a warm instance keeps it for a minute.
 */
import type { HardshipConfig } from '../../../types/hardship.model';
import { DEFAULT_CONFIG } from '../../../types/hardship.rules';
import { localYearOf } from '../../../types/time';
import { LEVEL_RANK, covers, levelAtLeast } from '../../core/authority';
import { auditTx } from '../../core/audit';
import { cachedGet, forget } from '../../core/cache';
import type { HandlerContext, Input, MemberContext, Output } from '../../core/context';
import { AppError, notFound } from '../../core/errors';
import { landed } from '../../core/requests';
import type { OrgDoc } from '../../core/users';
import { getOrg } from '../account/orgs';
import { C, type ConfigDoc, configIdOf } from './model';

const CONFIG_TTL_MS = 60_000;

/** The orgs of a path, root first (cached). */
export async function orgChain(ctx: HandlerContext, orgPath: readonly string[]): Promise<OrgDoc[]> {
  const out: OrgDoc[] = [];
  for (const id of orgPath) {
    const org = await getOrg(ctx.store, id);
    if (org) out.push(org);
  }
  return out;
}

export interface ResolvedConfig {
  config: HardshipConfig;
  /** The org whose configuration applies (null: the built-in defaults). */
  org: OrgDoc | null;
}

/** The configuration that applies to a union: the nearest county-level org or above with one for the year. */
export async function configFor(ctx: HandlerContext, orgPath: readonly string[], year: number): Promise<ResolvedConfig> {
  const chain = await orgChain(ctx, orgPath);
  for (const org of [...chain].reverse()) {
    if (!levelAtLeast(org.level, 'county')) continue;
    const doc = await cachedGet<ConfigDoc>(ctx.store, C.configs, configIdOf(org._id, year), CONFIG_TTL_MS);
    if (doc) return { config: doc.config, org };
  }
  return { config: DEFAULT_CONFIG, org: null };
}

async function configView(ctx: HandlerContext, org: OrgDoc, year: number): Promise<Output<'hardship', 'getConfig'>> {
  const own = await ctx.store.get<ConfigDoc>(C.configs, configIdOf(org._id, year));
  if (own) return { orgId: org._id, orgName: org.name, year, configured: true, source: `${org.name}${year} 年的标准`, config: own.config, updatedAt: own.updatedAt };
  const above = await configFor(ctx, org.path.slice(0, -1), year);
  return {
    orgId: org._id,
    orgName: org.name,
    year,
    configured: false,
    source: above.org ? `沿用${above.org.name}的标准` : '沿用系统默认标准（请按本地规定设置）',
    config: above.config,
    updatedAt: null,
  };
}

/** Readable by staff of the org's subtree and by staff below it (the standard their cases follow). */
export async function getConfig(ctx: MemberContext, input: Input<'hardship', 'getConfig'>) {
  const org = await getOrg(ctx.store, input.orgId);
  if (!org) throw notFound('没有找到这个工会');
  const mine = ctx.caller.staffOrg;
  const readable = covers(ctx.caller, org.path) || (!!mine && mine.path.includes(org._id));
  if (!readable) throw new AppError('auth.forbidden', '这个工会的帮扶标准由其他工会负责');
  return configView(ctx, org, input.year ?? yearOf(ctx));
}

export async function saveConfig(ctx: MemberContext, input: Input<'hardship', 'saveConfig'>) {
  const org = await getOrg(ctx.store, input.orgId);
  if (!org) throw notFound('没有找到这个工会');
  if (!covers(ctx.caller, org.path)) throw new AppError('auth.forbidden', '只能设置本级或下级工会的帮扶标准');
  if (LEVEL_RANK[org.level] > LEVEL_RANK.county) throw new AppError('hardship.config_level', '帮扶标准由县（市、区）级及以上工会设置');
  if (await landed(ctx)) return configView(ctx, org, input.year);
  const at = ctx.now.toISOString();
  const doc: ConfigDoc = { _id: configIdOf(org._id, input.year), orgId: org._id, year: input.year, config: input.config, updatedAt: at, updatedBy: ctx.caller.user._id };
  await ctx.store.transaction(async (tx) => {
    await tx.set(C.configs, doc);
    await auditTx(tx, ctx, { targetType: 'hardship_config', targetId: doc._id, summary: `设置${input.year}年帮扶标准：低保 ${input.config.dibao} 元，${input.config.tiers.length} 条分档标准` });
  });
  forget(ctx.store, C.configs, doc._id);
  return configView(ctx, org, input.year);
}

export function yearOf(ctx: HandlerContext): number {
  return localYearOf(ctx.now);
}
