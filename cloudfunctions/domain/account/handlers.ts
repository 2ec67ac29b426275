/** account: thin handlers over the account domain. */
import type { Handlers } from '../../core/wrapper';
import { purgeExpiredRequests } from '../../core/requests';
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
  maintain: async (_input, ctx) => {
    let requestsRemoved = 0;
    for (let i = 0; i < 50; i++) {
      const n = await purgeExpiredRequests(ctx.store, ctx.now);
      requestsRemoved += n;
      if (n === 0) break;
    }
    return { requestsRemoved };
  },
  listOrgs: async (input, ctx) => ({ orgs: await listOrgs(ctx.store, input) }),
};
