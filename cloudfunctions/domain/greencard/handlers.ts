/** greencard: thin handlers over the green-channel domain. */
import type { Handlers } from '../../core/wrapper';
import { apply, changeCard, issueBatch, listCards, myCard, myCodes, myVisits } from './cards';
import { answerHonourRequest, getPolicy, listHospitals, saveHospital, savePolicy } from './partners';
import { uploadVisits, verifierSync, verify, visitStats } from './verify';
import { recoverGreencard } from './recover';
import { remindRenewals } from './notices';
import { cardFigures, cardTodo, cardTrail } from './workspace';

export const greencardHandlers: Handlers<'greencard'> = {
  myCard: (_input, ctx) => myCard(ctx),
  apply: (_input, ctx) => apply(ctx),
  myCodes: (_input, ctx) => myCodes(ctx),
  myVisits: (input, ctx) => myVisits(ctx, input.limit),
  verifierSync: (_input, ctx) => verifierSync(ctx),
  verify: (input, ctx) => verify(ctx, input),
  uploadVisits: (input, ctx) => uploadVisits(ctx, input),
  remind: (_input, ctx) => remindRenewals(ctx),
  recover: (_input, ctx) => recoverGreencard(ctx),
  listHospitals: (_input, ctx) => listHospitals(ctx),
  saveHospital: (input, ctx) => saveHospital(ctx, input),
  answerHonourRequest: (input, ctx) => answerHonourRequest(ctx, input),
  getPolicy: (input, ctx) => getPolicy(ctx, input.orgId),
  savePolicy: (input, ctx) => savePolicy(ctx, input),
  listCards: (input, ctx) => listCards(ctx, input),
  approve: (input, ctx) => changeCard(ctx, input.cardId, 'approve'),
  reject: (input, ctx) => changeCard(ctx, input.cardId, 'reject', input.reason),
  suspend: (input, ctx) => changeCard(ctx, input.cardId, 'suspend', input.reason),
  reinstate: (input, ctx) => changeCard(ctx, input.cardId, 'reinstate', input.reason),
  revoke: (input, ctx) => changeCard(ctx, input.cardId, 'revoke', input.reason),
  renew: (input, ctx) => changeCard(ctx, input.cardId, 'renew'),
  issueBatch: (input, ctx) => issueBatch(ctx, input),
  visitStats: (input, ctx) => visitStats(ctx, input),
  figures: (input, ctx) => cardFigures(ctx, input),
  todo: (input, ctx) => cardTodo(ctx, input),
  trail: (input, ctx) => cardTrail(ctx, input.cardId),
};
