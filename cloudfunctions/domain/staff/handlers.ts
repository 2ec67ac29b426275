/** staff: thin handlers over the staff domain. */
import type { Handlers } from '../../core/wrapper';
import { addHonour, confirmHonourLink, listHonours, rejectHonourLink } from './honours';
import { importHonours, recoverImports } from './import';
import { exportTables } from './export';
import type { UserDoc } from '../../core/users';
import { grantRole, markDeceased, personRow, revokeRole, searchPeople } from './people';
import { decideTransfer, staffTransfer, transfersToDecide } from '../account/transfers';

export const staffHandlers: Handlers<'staff'> = {
  exportTables: (input, ctx) => exportTables(ctx, input),
  searchPeople: (input, ctx) => searchPeople(ctx, input),
  grantRole: (input, ctx) => grantRole(ctx, input),
  revokeRole: (input, ctx) => revokeRole(ctx, input),
  addHonour: (input, ctx) => addHonour(ctx, input),
  importHonours: (input, ctx) => importHonours(ctx, input),
  listHonours: (input, ctx) => listHonours(ctx, input),
  confirmHonourLink: (input, ctx) => confirmHonourLink(ctx, input.honourId),
  rejectHonourLink: (input, ctx) => rejectHonourLink(ctx, input.honourId, input.reason),
  markTransfer: async (input, ctx) => {
    const transfer = await staffTransfer(ctx, input);
    const user = await ctx.store.get<UserDoc>('users', input.userId);
    return { ...(await personRow(ctx, user!)), transfer };
  },
  listTransfers: (_input, ctx) => transfersToDecide(ctx),
  decideTransfer: (input, ctx) => decideTransfer(ctx, input),
  recover: async (_input, ctx) => ({ imports: await recoverImports(ctx) }),
  markDeceased: (input, ctx) => markDeceased(ctx, input),
};
