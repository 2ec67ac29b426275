/**
 * notices: the message centre over the outbox (core/notices.ts), the person's subscriptions (core/sender.ts) and the
 * sender's timer. A person sees only their own notices: every query names their user id.
 */
import { kindSpec, SUBSCRIBE_TEMPLATES, TEMPLATE_KEYS, isNoticeLink } from '../../../types/notice-templates';
import type { NoticeView } from '../../../types/notices.schema';
import type { Handlers, MemberContext } from '../../core/context';
import { landed } from '../../core/requests';
import { NOTICES, type NoticeDoc, unreadCount } from '../../core/notices';
import { WECHAT_OUTBOX, type OutboxDoc } from '../../core/platform/local-wechat';
import { recordAnswers, sendDue, subscriptionsOf } from '../../core/sender';
import type { Filter } from '../../core/store/port';

function viewOf(n: NoticeDoc): NoticeView {
  return {
    id: n._id,
    kind: n.kind,
    kindLabel: kindSpec(n.kind).label,
    title: n.title,
    body: n.body,
    at: n.at,
    link: isNoticeLink(n.link) ? n.link! : null,
    read: n.read,
    pushed: n.push === 'sent',
  };
}

async function mine(ctx: MemberContext, input: { limit: number; offset: number; unreadOnly: boolean }) {
  const userId = ctx.caller.user._id;
  const filter: Filter = { userId, ...(input.unreadOnly ? { read: false } : {}) };
  const [items, total, unread] = await Promise.all([
    ctx.store.find<NoticeDoc>(NOTICES, filter, { sort: { at: -1 }, limit: input.limit, skip: input.offset }),
    ctx.store.count(NOTICES, filter),
    unreadCount(ctx.store, userId),
  ]);
  return { items: items.map(viewOf), total, unread };
}

async function templatesOf(ctx: MemberContext) {
  const subs = new Map((await subscriptionsOf(ctx.store, ctx.caller.user._id)).map((s) => [s.template, s]));
  return {
    templates: TEMPLATE_KEYS.map((t) => ({ template: t, title: SUBSCRIBE_TEMPLATES[t].title, left: subs.get(t)?.left ?? 0, granted: subs.get(t)?.granted ?? 0, refused: subs.get(t)?.refused ?? false })),
  };
}

export const noticesHandlers: Handlers<'notices'> = {
  mine: (input, ctx) => mine(ctx, input),
  unread: async (_input, ctx) => ({ unread: await unreadCount(ctx.store, ctx.caller.user._id) }),
  markRead: async (input, ctx) => {
    const userId = ctx.caller.user._id;
    const r = await ctx.store.update(NOTICES, { _id: input.id, userId, read: false }, { $set: { read: true, readAt: ctx.now.toISOString() } });
    // Already read, or not this person's: the answer is the same count (nothing about other people's notices leaks).
    void r;
    return { unread: await unreadCount(ctx.store, userId) };
  },
  markAllRead: async (_input, ctx) => {
    const userId = ctx.caller.user._id;
    await ctx.store.update(NOTICES, { userId, read: false }, { $set: { read: true, readAt: ctx.now.toISOString() } }, { multi: true });
    return { unread: await unreadCount(ctx.store, userId) };
  },
  subscriptions: (_input, ctx) => templatesOf(ctx),
  reportSubscriptions: async (input, ctx) => {
    if (!(await landed(ctx))) await recordAnswers(ctx, ctx.caller.user._id, input.results);
    return templatesOf(ctx);
  },
  outbox: async (input, ctx) => {
    if (ctx.runtime.wechat?.kind !== 'local') return { local: false, items: [] };
    const docs = await ctx.store.find<OutboxDoc>(WECHAT_OUTBOX, { touser: ctx.caller.user.openid, errcode: 0 }, { sort: { at: -1 }, limit: input.limit });
    return {
      local: true,
      items: docs.map((d) => {
        const spec = Object.values(SUBSCRIBE_TEMPLATES).find((t) => t.id === d.templateId);
        return {
          at: d.at,
          template: d.templateId,
          title: spec?.title ?? '订阅消息',
          page: d.page,
          fields: Object.entries(d.data).map(([key, v]) => ({ label: spec?.fields.find((f) => f.key === key)?.label ?? key, value: v.value })),
        };
      }),
    };
  },
  send: (_input, ctx) => sendDue(ctx.store, ctx.runtime.wechat, ctx.runtime.now),
};
