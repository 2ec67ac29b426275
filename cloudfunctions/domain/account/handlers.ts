/** account: thin handlers over the account domain. */
import type { Handlers } from '../../core/wrapper';
import { resolveCaller } from '../../core/users';
import { listOrgs } from './orgs';
import { buildMe, register, updateProfile } from './profile';
import { myTransfers, requestTransfer, withdrawTransfer } from './transfers';

export const accountHandlers: Handlers<'account'> = {
  me: async (_input, ctx) => buildMe(ctx.store, ctx.caller),
  register: async (input, ctx) => {
    await register(ctx, input);
    return buildMe(ctx.store, await resolveCaller(ctx.store, ctx.caller.openid));
  },
  updateProfile: async (input, ctx) => {
    await updateProfile(ctx, input);
    return buildMe(ctx.store, await resolveCaller(ctx.store, ctx.caller.openid));
  },
  requestTransfer: (input, ctx) => requestTransfer(ctx, input),
  myTransfers: (_input, ctx) => myTransfers(ctx),
  withdrawTransfer: (input, ctx) => withdrawTransfer(ctx, input.transferId),
  listOrgs: async (input, ctx) => ({ orgs: await listOrgs(ctx.store, input) }),
};
