/**
 * Recovery of 困难帮扶 (ADR 0012/0013), on the timer and lazily where the state is read. Every multi-step change leaves,
 * when it dies half-way, a state this pass completes: a slot whose case never landed or ended is released; files a case
 * lists are attached to it; an archived case's household (and a concluded re-check's) is written; every history entry
 * has its audit entry and notices. It also does what the clock decides: 公示 periods that ended move to payment, and
 * households due for their yearly re-check get their re-check case.
 */
import { caseWorkflow } from '../../../types/hardship.workflow';
import type { HandlerContext } from '../../core/context';
import { releaseSlot } from '../../core/claims';
import { FILES, type FileDoc } from '../../core/files';
import { recoverAudits } from '../../core/workflow';
import { openDueRechecks, repairHouseholds } from './archive';
import { staleSlot } from './filing';
import { C, type CaseDoc, FILE_OWNER, type SlotDoc } from './model';
import { endDueNotices } from './notice';

/** Files a case lists that a crash left unattached (the case was written, the attach was not). */
async function attachListed(ctx: HandlerContext, since: string): Promise<number> {
  const recent = await ctx.store.find<CaseDoc>(C.cases, { updatedAt: { $gte: since } }, { limit: 500, projection: { files: 1 } });
  let n = 0;
  for (const c of recent) {
    if (!c.files?.length) continue;
    const docs = await ctx.store.find<FileDoc>(FILES, { _id: { $in: c.files } }, { limit: 100 });
    for (const f of docs) {
      if (f.attachedTo || f.status !== 'uploaded') continue;
      const r = await ctx.store.update(FILES, { _id: f._id, attachedTo: null }, { $set: { attachedTo: { kind: FILE_OWNER, id: c._id } } });
      n += r.matched;
    }
  }
  return n;
}

export async function recoverHardship(ctx: HandlerContext) {
  const since = new Date(ctx.now.getTime() - 86_400_000).toISOString();
  const noticesEnded = await endDueNotices(ctx);
  const rechecks = await openDueRechecks(ctx);
  // Slots of the last day whose case never landed or ended (an older one is released when someone next files).
  let slots = 0;
  const held = await ctx.store.find<SlotDoc>(C.slots, { at: { $gte: since } }, { sort: { at: 1 }, limit: 1000 });
  for (const s of held) if ((await staleSlot(ctx, s)) && (await releaseSlot(ctx.store, C.slots, s._id, s.holder))) slots++;
  const repaired = (await repairHouseholds(ctx, since)) + (await attachListed(ctx, since));
  const audits = await recoverAudits(ctx.store, caseWorkflow, C.cases, since);
  return { noticesEnded, rechecks, slots, repaired, audits };
}
