/** trips: thin handlers over the trips domain. */
import type { Handlers } from '../../core/context';
import { detail, listOpen, mySignups } from './browse';
import { drawResult, runDraw } from './draw';
import { closeTrip, createTrip, getForEdit, listManaged, publishTrip, updateTrip } from './edit';
import { acceptOffer, cancel, declineOffer } from './person';
import { expireDueOffers } from './places';
import { recoverTrips } from './recover';
import { remindDepartures } from './notices';
import { signupTrail, tripFigures, tripTodo } from './workspace';
import { checkIn, review, reviewQueue } from './review';
import { exportRoster, roster } from './roster';
import { signUp } from './signup';
import { mySignupViewById, mySignupViewIn } from './views';

export const tripsHandlers: Handlers<'trips'> = {
  listOpen: (input, ctx) => listOpen(ctx, input),
  detail: (input, ctx) => detail(ctx, input.tripId),
  signUp: async (input, ctx) => {
    const r = await signUp(ctx, input);
    return { signup: await mySignupViewIn(ctx, r.signup, r.trip, r.queueHint), message: r.message };
  },
  mySignups: (_input, ctx) => mySignups(ctx),
  cancel: async (input, ctx) => {
    const r = await cancel(ctx, input.signupId, input.reason);
    return { signup: await mySignupViewById(ctx, r.signup), message: r.message };
  },
  acceptOffer: async (input, ctx) => {
    const r = await acceptOffer(ctx, input.signupId);
    return { signup: await mySignupViewById(ctx, r.signup), message: r.message };
  },
  declineOffer: async (input, ctx) => {
    const r = await declineOffer(ctx, input.signupId);
    return { signup: await mySignupViewById(ctx, r.signup), message: r.message };
  },
  drawResult: (input, ctx) => drawResult(ctx, input.sessionId),
  expireOffers: (input, ctx) => expireDueOffers(ctx, input.tripId),
  remind: (_input, ctx) => remindDepartures(ctx),
  recover: (_input, ctx) => recoverTrips(ctx),
  listManaged: (input, ctx) => listManaged(ctx, input),
  getForEdit: (input, ctx) => getForEdit(ctx, input.tripId),
  createTrip: (input, ctx) => createTrip(ctx, input.trip),
  updateTrip: (input, ctx) => updateTrip(ctx, input),
  publishTrip: (input, ctx) => publishTrip(ctx, input.tripId),
  closeTrip: (input, ctx) => closeTrip(ctx, input.tripId, input.reason),
  runDraw: (input, ctx) => runDraw(ctx, input),
  roster: (input, ctx) => roster(ctx, input.sessionId),
  exportRoster: (input, ctx) => exportRoster(ctx, input.sessionId),
  reviewQueue: (input, ctx) => reviewQueue(ctx, input),
  review: (input, ctx) => review(ctx, input),
  checkIn: (input, ctx) => checkIn(ctx, input.signupId),
  figures: (input, ctx) => tripFigures(ctx, input),
  todo: (input, ctx) => tripTodo(ctx, input),
  trail: (input, ctx) => signupTrail(ctx, input.signupId),
};
