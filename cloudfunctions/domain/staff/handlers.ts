/** staff: thin handlers over the staff domain. */
import type { Handlers } from '../../core/wrapper';
import { addHonour, confirmHonourLink, listHonours, rejectHonourLink } from './honours';
import { importHonours } from './import';
import { grantRole, markDeceased, markTransfer, revokeRole, searchPeople } from './people';

export const staffHandlers: Handlers<'staff'> = {
  searchPeople: (input, ctx) => searchPeople(ctx, input),
  grantRole: (input, ctx) => grantRole(ctx, input),
  revokeRole: (input, ctx) => revokeRole(ctx, input),
  addHonour: (input, ctx) => addHonour(ctx, input),
  importHonours: (input, ctx) => importHonours(ctx, input),
  listHonours: (input, ctx) => listHonours(ctx, input),
  confirmHonourLink: (input, ctx) => confirmHonourLink(ctx, input.honourId),
  rejectHonourLink: (input, ctx) => rejectHonourLink(ctx, input.honourId, input.reason),
  markTransfer: (input, ctx) => markTransfer(ctx, input),
  markDeceased: (input, ctx) => markDeceased(ctx, input),
};
