/**
 * notices: the message centre (消息) every signed-in person has — what happened to their sign-ups, cards, cases and
 * wishes, in plain Chinese, with a link to the record — and the WeChat subscribe messages sent on top of it when the
 * person accepted them (ADR 0014). The sender runs on a timer and promptly after each change.
 */
import { z } from 'zod';
import { defineAction } from './contract';
import { empty } from './common';
import { defineErrors } from './errors';
import { TEMPLATE_KEYS } from './notice-templates';
import { REGISTERED_ROLES } from './roles';

export const noticesErrors = defineErrors('notices', {
  not_yours: '这条消息不存在或不是您的',
});

const paging = {
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(100000).default(0),
};

export const PUSH_STATES = ['pending', 'sending', 'sent', 'refused', 'inbox', 'failed', 'unknown'] as const;

export const noticeView = z.object({
  id: z.string(),
  kind: z.string(),
  /** What kind of news, in a word or two (候补名额, 绿通卡暂停 …). */
  kindLabel: z.string(),
  title: z.string(),
  body: z.string(),
  at: z.string(),
  /** The app page of the record; null when there is nothing to open. */
  link: z.string().nullable(),
  read: z.boolean(),
  /** Whether it also went to WeChat (a subscribe message). */
  pushed: z.boolean(),
});
export type NoticeView = z.infer<typeof noticeView>;

export const subscriptionView = z.object({
  template: z.enum(TEMPLATE_KEYS),
  title: z.string(),
  /** One-time subscriptions not yet used. */
  left: z.number().int(),
  /** Accepted so far, all told. */
  granted: z.number().int(),
  /** The person refused (in the prompt, or WeChat answered 43101): the app does not ask again unprompted. */
  refused: z.boolean(),
});

const unread = z.object({ unread: z.number().int() });

export const outboxItem = z.object({
  at: z.string(),
  template: z.string(),
  title: z.string(),
  page: z.string(),
  fields: z.array(z.object({ label: z.string(), value: z.string() })),
});

export const noticesActions = {
  mine: defineAction({
    summary: '我的消息（最新的在前，分页）与未读条数',
    input: z.object({ ...paging, unreadOnly: z.boolean().default(false) }).strict(),
    output: z.object({ items: z.array(noticeView), total: z.number().int(), unread: z.number().int() }),
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: false,
    example: { limit: 20, offset: 0 },
  }),
  unread: defineAction({
    summary: '未读消息条数',
    input: empty,
    output: unread,
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: false,
    example: {},
  }),
  markRead: defineAction({
    summary: '把一条消息标为已读',
    input: z.object({ id: z.string().min(3).max(200).regex(/^n:[A-Za-z0-9_:.-]+$/, '消息编号不正确') }).strict(),
    output: unread,
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: true,
    example: { id: 'n:trip_signups:trip_demo_u_demo:v2:0' },
  }),
  markAllRead: defineAction({
    summary: '全部标为已读',
    input: empty,
    output: unread,
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: true,
    example: {},
  }),
  subscriptions: defineAction({
    summary: '我的微信提醒（各类提醒剩余可发次数）',
    input: empty,
    output: z.object({ templates: z.array(subscriptionView) }),
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: false,
    example: {},
  }),
  reportSubscriptions: defineAction({
    summary: '记录本人在订阅提示中的选择（同意的每类提醒可发一次）',
    input: z
      .object({
        results: z
          .array(z.object({ template: z.enum(TEMPLATE_KEYS), result: z.enum(['accept', 'reject', 'ban', 'filter']) }).strict())
          .min(1)
          .max(3),
      })
      .strict(),
    output: z.object({ templates: z.array(subscriptionView) }),
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: true,
    example: { results: [{ template: 'place_offer', result: 'accept' }] },
  }),
  outbox: defineAction({
    summary: '本地演示：发到“微信”的订阅消息（正式环境为空）',
    input: z.object({ limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: z.object({ local: z.boolean(), items: z.array(outboxItem) }),
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: false,
    example: {},
  }),
  send: defineAction({
    summary: '发送待发的订阅消息，重试失败的（定时触发器调用）',
    input: empty,
    output: z.object({ sent: z.number().int(), inbox: z.number().int(), refused: z.number().int(), failed: z.number().int(), retrying: z.number().int() }),
    access: 'public',
    target: { kind: 'open' },
    mutates: true,
    example: {},
    timer: '0 * * * * * *',
  }),
} as const;
