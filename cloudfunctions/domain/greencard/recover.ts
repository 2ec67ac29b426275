/**
 * Recovery for the green card (ADR 0013): issuing a card is one transaction (card, holder record, number, audit), and
 * every later decision is one workflow move; a move whose call died between the update and its audit entry gets the
 * entry here. Short-code try counters of past hours are removed, so they do not accumulate.
 */
import { cardWorkflow } from '../../../types/greencard.workflow';
import type { HandlerContext } from '../../core/context';
import { recoverAudits } from '../../core/workflow';
import { type AttemptDoc, C } from './docs';

export async function recoverGreencard(ctx: HandlerContext): Promise<{ audits: number; attempts: number }> {
  const since = new Date(ctx.now.getTime() - 86_400_000).toISOString();
  const audits = await recoverAudits(ctx.store, cardWorkflow, C.cards, since);
  const hour = Math.floor(ctx.now.getTime() / 3600_000);
  const old = await ctx.store.find<AttemptDoc>(C.attempts, { hour: { $lt: hour - 1 } }, { limit: 1000, projection: { hour: 1 } });
  let attempts = 0;
  for (const a of old) attempts += await ctx.store.remove(C.attempts, { _id: a._id });
  return { audits, attempts };
}
