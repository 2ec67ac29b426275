/** hardship: thin handlers over the hardship domain. */
import type { Handlers } from '../../core/context';
import { archive, closeCase, households, startRecheck } from './archive';
import { getConfig, saveConfig } from './config';
import { dispatch, file, resubmit, saveDraft, withdraw } from './filing';
import { parseDispatchList } from './import';
import { notices, object } from './notice';
import { paymentList, paymentTotals, recordPayments } from './payment';
import { detail, myCases, queues } from './read';
import { recoverHardship } from './recover';
import { conclude, decide, forward, reject, remind, returnCase, sendBack, verify } from './review';
import { selfTest } from './selftest';
import { caseFigures, caseTodo, caseTrail } from './workspace';

export const hardshipHandlers: Handlers<'hardship'> = {
  selfTest: (input, ctx) => selfTest(ctx, input),
  saveDraft: (input, ctx) => saveDraft(ctx, input),
  file: (input, ctx) => file(ctx, input),
  withdraw: (input, ctx) => withdraw(ctx, input),
  resubmit: (input, ctx) => resubmit(ctx, input),
  myCases: (_input, ctx) => myCases(ctx),
  detail: (input, ctx) => detail(ctx, input),
  notices: (_input, ctx) => notices(ctx),
  object: (input, ctx) => object(ctx, input),
  queues: (input, ctx) => queues(ctx, input),
  verify: (input, ctx) => verify(ctx, input),
  forward: (input, ctx) => forward(ctx, input),
  decide: (input, ctx) => decide(ctx, input),
  conclude: (input, ctx) => conclude(ctx, input),
  sendBack: (input, ctx) => sendBack(ctx, input),
  returnCase: (input, ctx) => returnCase(ctx, input),
  reject: (input, ctx) => reject(ctx, input),
  remind: (input, ctx) => remind(ctx, input),
  recordPayments: (input, ctx) => recordPayments(ctx, input),
  paymentList: (_input, ctx) => paymentList(ctx),
  paymentTotals: (input, ctx) => paymentTotals(ctx, input),
  archive: (input, ctx) => archive(ctx, input),
  closeCase: (input, ctx) => closeCase(ctx, input),
  dispatch: (input, ctx) => dispatch(ctx, input),
  parseDispatchList: (input, ctx) => parseDispatchList(ctx, input),
  households: (input, ctx) => households(ctx, input),
  startRecheck: (input, ctx) => startRecheck(ctx, input),
  getConfig: (input, ctx) => getConfig(ctx, input),
  saveConfig: (input, ctx) => saveConfig(ctx, input),
  figures: (input, ctx) => caseFigures(ctx, input),
  todo: (input, ctx) => caseTodo(ctx, input),
  trail: (input, ctx) => caseTrail(ctx, input.caseId),
  recover: (_input, ctx) => recoverHardship(ctx),
};
