/** wishes: thin handlers over the 微心愿 domain. */
import type { Handlers, MemberContext } from '../../core/context';
import { claim, giveBack, releaseDue, remindDue } from './claim';
import { collect, households, resubmit, withdraw } from './collect';
import { confirm, deliver, dispute, fulfil, thank } from './deliver';
import type { WishDoc } from './model';
import { getPolicy, savePolicy } from './policy';
import { exportRanking, ranking } from './ranking';
import { recoverWishes } from './recover';
import { vet, vetQueue } from './vet';
import { mine, pool, staffList, tile, wishDetail, wishViewOf } from './views';
import { sweepWall, wall } from './wall';
import { wishFigures, wishTodo, wishTrail } from './workspace';

const answer = async (ctx: MemberContext, r: { wish: WishDoc; message: string }) => ({ wish: await wishViewOf(ctx, r.wish), message: r.message });

export const wishesHandlers: Handlers<'wishes'> = {
  pool: (input, ctx) => pool(ctx, input),
  wish: (input, ctx) => wishDetail(ctx, input.wishId),
  claim: async (input, ctx) => answer(ctx, await claim(ctx, input.wishId)),
  giveBack: async (input, ctx) => answer(ctx, await giveBack(ctx, input.wishId, input.reason)),
  deliver: async (input, ctx) => answer(ctx, await deliver(ctx, input)),
  mine: (_input, ctx) => mine(ctx),
  tile: (_input, ctx) => tile(ctx),
  collect: async (input, ctx) => answer(ctx, { wish: await collect(ctx, input), message: '心愿已登记，等待工会审核' }),
  resubmit: async (input, ctx) => answer(ctx, { wish: await resubmit(ctx, input), message: '已重新提交，等待工会审核' }),
  withdraw: async (input, ctx) => answer(ctx, { wish: await withdraw(ctx, input), message: '心愿已撤回' }),
  confirm: async (input, ctx) => answer(ctx, await confirm(ctx, input.wishId)),
  dispute: async (input, ctx) => answer(ctx, await dispute(ctx, input.wishId, input.reason)),
  thank: async (input, ctx) => answer(ctx, await thank(ctx, input.wishId, input.text)),
  households: (input, ctx) => households(ctx, input),
  vetQueue: (_input, ctx) => vetQueue(ctx),
  vet: async (input, ctx) => {
    const w = await vet(ctx, input);
    const message = { approve: '已通过，心愿已发布到心愿池', return: '已退回修改', reject: '已不予通过' }[input.decision];
    return answer(ctx, { wish: w, message });
  },
  staffList: (input, ctx) => staffList(ctx, input),
  fulfil: async (input, ctx) => answer(ctx, await fulfil(ctx, input)),
  ranking: (input, ctx) => ranking(ctx, input.limit),
  exportRanking: (_input, ctx) => exportRanking(ctx),
  policy: (input, ctx) => getPolicy(ctx, input),
  savePolicy: (input, ctx) => savePolicy(ctx, input),
  wall: (_input, ctx) => wall(ctx),
  sweep: async (_input, ctx) => {
    const reminded = await remindDue(ctx);
    const released = await releaseDue(ctx);
    await sweepWall(ctx);
    return { reminded, released };
  },
  figures: (input, ctx) => wishFigures(ctx, input),
  todo: (input, ctx) => wishTodo(ctx, input),
  trail: (input, ctx) => wishTrail(ctx, input.wishId),
  recover: (_input, ctx) => recoverWishes(ctx),
};
