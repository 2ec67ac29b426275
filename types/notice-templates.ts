/**
 * WeChat subscribe-message templates, as configuration (ADR 0014): which template tells each kind of notice, what its
 * fields hold, and which templates the app asks for at which moment. Pure data with no imports, so the app's main
 * package may read it (the subscription prompt) and the functions format sends from it.
 *
 * A deployment picks these templates in the mini-program console (订阅消息 → 公共模板库), and writes each template's
 * id and its field keys here (`thing1`, `time2` …, as the console lists them). Field limits are WeChat's:
 * thing ≤ 20 characters, phrase ≤ 5 Chinese characters, name ≤ 10, character_string ≤ 32 letters and digits,
 * time `2026年6月1日 09:00`, date `2026年6月1日`; the sender truncates and formats safely (core/subscribe.ts).
 */

export type TemplateFieldType = 'thing' | 'phrase' | 'name' | 'character_string' | 'number' | 'time' | 'date';

/**
 * Where a field's value comes from: a notice's draft carries plain values under these names in `fields` (a feature
 * fills what it knows); `title`, `body` and `at` (the notice's own time) are always there. The first source with a
 * value is used.
 */
export type FieldSource = 'subject' | 'outcome' | 'deadline' | 'date' | 'note' | 'place' | 'title' | 'body' | 'at';

export interface TemplateField {
  key: string;
  type: TemplateFieldType;
  label: string;
  from: readonly FieldSource[];
}

export interface TemplateSpec {
  /** The template id from the mini-program console (replace the placeholders when deploying). */
  id: string;
  /** The template's title in the public library. */
  title: string;
  fields: readonly TemplateField[];
}

export const SUBSCRIBE_TEMPLATES = {
  review_result: {
    id: 'TPL-review-result-configure-me',
    title: '审核结果通知',
    fields: [
      { key: 'thing1', type: 'thing', label: '审核事项', from: ['subject', 'title'] },
      { key: 'phrase2', type: 'phrase', label: '审核结果', from: ['outcome'] },
      { key: 'thing3', type: 'thing', label: '备注', from: ['note', 'body'] },
      { key: 'time4', type: 'time', label: '审核时间', from: ['at'] },
    ],
  },
  place_offer: {
    id: 'TPL-place-offer-configure-me',
    title: '候补成功通知',
    fields: [
      { key: 'thing1', type: 'thing', label: '活动名称', from: ['subject', 'title'] },
      { key: 'time2', type: 'time', label: '确认截止时间', from: ['deadline', 'at'] },
      { key: 'thing3', type: 'thing', label: '温馨提示', from: ['note', 'body'] },
    ],
  },
  trip_reminder: {
    id: 'TPL-trip-reminder-configure-me',
    title: '出行提醒',
    fields: [
      { key: 'thing1', type: 'thing', label: '行程名称', from: ['subject', 'title'] },
      { key: 'date2', type: 'date', label: '出发日期', from: ['date', 'at'] },
      { key: 'thing3', type: 'thing', label: '温馨提示', from: ['note', 'body'] },
    ],
  },
  card_status: {
    id: 'TPL-card-status-configure-me',
    title: '证件状态变更通知',
    fields: [
      { key: 'thing1', type: 'thing', label: '证件名称', from: ['subject', 'title'] },
      { key: 'phrase2', type: 'phrase', label: '当前状态', from: ['outcome'] },
      { key: 'thing3', type: 'thing', label: '说明', from: ['note', 'body'] },
      { key: 'time4', type: 'time', label: '变更时间', from: ['at'] },
    ],
  },
  expiry_reminder: {
    id: 'TPL-expiry-reminder-configure-me',
    title: '到期提醒',
    fields: [
      { key: 'thing1', type: 'thing', label: '到期事项', from: ['subject', 'title'] },
      { key: 'date2', type: 'date', label: '到期日期', from: ['date', 'at'] },
      { key: 'thing3', type: 'thing', label: '温馨提示', from: ['note', 'body'] },
    ],
  },
  progress: {
    id: 'TPL-progress-configure-me',
    title: '办理进度通知',
    fields: [
      { key: 'thing1', type: 'thing', label: '办理事项', from: ['subject', 'title'] },
      { key: 'phrase2', type: 'phrase', label: '办理状态', from: ['outcome'] },
      { key: 'thing3', type: 'thing', label: '说明', from: ['note', 'body'] },
      { key: 'time4', type: 'time', label: '更新时间', from: ['at'] },
    ],
  },
  task_reminder: {
    id: 'TPL-task-reminder-configure-me',
    title: '待办事项提醒',
    fields: [
      { key: 'thing1', type: 'thing', label: '事项名称', from: ['subject', 'title'] },
      { key: 'thing2', type: 'thing', label: '事项说明', from: ['note', 'body'] },
      { key: 'time3', type: 'time', label: '办理时限', from: ['deadline', 'at'] },
    ],
  },
} as const satisfies Record<string, TemplateSpec>;

export type TemplateKey = keyof typeof SUBSCRIBE_TEMPLATES;
export const TEMPLATE_KEYS = Object.keys(SUBSCRIBE_TEMPLATES) as TemplateKey[];

export interface NoticeKindSpec {
  /** What the message centre calls this kind of news. */
  label: string;
  /** The template it is sent with; null: message centre only. */
  template: TemplateKey | null;
}

/** Every kind of notice a feature sends. A kind not listed here falls back by its prefix (below). */
export const NOTICE_KINDS = {
  trip_offer: { label: '候补名额', template: 'place_offer' },
  trip_review: { label: '报名审核', template: 'review_result' },
  trip_draw: { label: '抽签结果', template: 'review_result' },
  trip_first_in_line: { label: '候补顺位', template: 'place_offer' },
  trip_departure: { label: '出发提醒', template: 'trip_reminder' },
  card_issued: { label: '绿通卡发放', template: 'card_status' },
  card_rejected: { label: '绿通卡申领', template: 'review_result' },
  card_suspended: { label: '绿通卡暂停', template: 'card_status' },
  card_reinstated: { label: '绿通卡恢复', template: 'card_status' },
  card_revoked: { label: '绿通卡注销', template: 'card_status' },
  card_renewed: { label: '绿通卡续期', template: 'card_status' },
  card_renewal_due: { label: '绿通卡到期', template: 'expiry_reminder' },
  // 困难帮扶: to the person (and the filer) at each step; to a union's staff when a case is theirs to act on.
  hardship_step: { label: '困难帮扶进度', template: 'progress' },
  hardship_returned: { label: '困难帮扶补充材料', template: 'review_result' },
  hardship_approved: { label: '困难帮扶审批', template: 'review_result' },
  hardship_rejected: { label: '困难帮扶审批', template: 'review_result' },
  hardship_notice: { label: '困难帮扶公示', template: 'progress' },
  hardship_paid: { label: '救助金发放', template: 'progress' },
  hardship_recheck: { label: '困难档案复核', template: 'expiry_reminder' },
  hardship_dispatched: { label: '困难帮扶下派核实', template: 'task_reminder' },
  hardship_sent_back: { label: '困难帮扶退回重办', template: 'task_reminder' },
  hardship_remind: { label: '困难帮扶催办', template: 'task_reminder' },
  // 微心愿: to the household, the volunteer and the household's union staff.
  wish_vetted: { label: '心愿审核', template: 'review_result' },
  wish_claimed: { label: '心愿认领', template: 'progress' },
  wish_expiring: { label: '认领快到期', template: 'expiry_reminder' },
  wish_released: { label: '认领已释放', template: 'progress' },
  wish_stuck: { label: '滞留心愿', template: 'task_reminder' },
  wish_given_back: { label: '放弃认领', template: 'progress' },
  wish_delivered: { label: '心愿送达', template: 'progress' },
  wish_completed: { label: '心愿完成', template: 'progress' },
  wish_fulfilled: { label: '心愿完成', template: 'progress' },
  wish_disputed: { label: '心愿未确认', template: 'progress' },
  wish_thanked: { label: '心愿感谢', template: 'progress' },
} as const satisfies Record<string, NoticeKindSpec>;

export type KnownNoticeKind = keyof typeof NOTICE_KINDS;

/** Kinds by prefix: the features that attach their own drafts (`hardship_*`, `wish_*`) are covered without a list. */
export const NOTICE_KIND_PREFIXES: readonly { prefix: string; label: string; template: TemplateKey }[] = [
  { prefix: 'hardship_', label: '困难帮扶', template: 'progress' },
  { prefix: 'wish_', label: '微心愿', template: 'progress' },
  { prefix: 'trip_', label: '疗休养', template: 'progress' },
  { prefix: 'card_', label: '医疗绿通', template: 'progress' },
];

export function kindSpec(kind: string): NoticeKindSpec {
  if (Object.prototype.hasOwnProperty.call(NOTICE_KINDS, kind)) return NOTICE_KINDS[kind as KnownNoticeKind];
  const byPrefix = NOTICE_KIND_PREFIXES.find((p) => kind.startsWith(p.prefix));
  return byPrefix ? { label: byPrefix.label, template: byPrefix.template } : { label: '消息', template: null };
}

/**
 * The moments the app asks for subscriptions, from the tap that starts the action (WeChat allows at most three
 * templates per request): what this action will later tell the person about.
 */
export const SUBSCRIBE_MOMENTS = {
  trip_signup: ['place_offer', 'review_result', 'trip_reminder'],
  card_apply: ['card_status', 'review_result', 'expiry_reminder'],
  hardship_file: ['progress', 'review_result', 'expiry_reminder'],
  wish_claim: ['progress', 'expiry_reminder'],
  /** Staff, from the 待办 page's switch: dispatches, send-backs, reminders and stuck wishes. */
  staff_tasks: ['task_reminder'],
} as const satisfies Record<string, readonly TemplateKey[]>;

export type SubscribeMoment = keyof typeof SUBSCRIBE_MOMENTS;

/** The app pages a notice may link to (prefixes): anything else is shown without a link. */
export const NOTICE_LINK_PREFIXES = ['/pkg-trips/', '/pkg-greencard/', '/pkg-hardship/', '/pkg-wishes/', '/pkg-notices/', '/pkg-staff/', '/pages/'] as const;

export function isNoticeLink(link: string | null | undefined): boolean {
  return !!link && /^\/[A-Za-z0-9/_-]+(\?[A-Za-z0-9_=&%.-]*)?$/.test(link) && NOTICE_LINK_PREFIXES.some((p) => link.startsWith(p));
}
