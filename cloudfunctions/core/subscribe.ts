/**
 * A notice as a WeChat subscribe message: the template its kind names (types/notice-templates.ts) filled from the
 * notice, each field within WeChat's limits (thing ≤ 20 characters, phrase ≤ 5 Chinese characters, name ≤ 10,
 * character_string ≤ 32 letters and digits, time and date in their formats), never empty (an empty or malformed
 * field is refused by WeChat with 47003). Pure: unit-tested.
 */
import { type FieldSource, SUBSCRIBE_TEMPLATES, type TemplateField, type TemplateFieldType, type TemplateKey, kindSpec } from '../../types/notice-templates';
import { formatDate, formatInstant, isLocalDate } from '../../types/time';

export interface MessageSource {
  kind: string;
  title: string;
  body: string;
  at: string;
  link?: string;
  fields?: Record<string, string>;
}

export interface SubscribeMessage {
  template: TemplateKey;
  templateId: string;
  /** The page opened from the message (no leading slash, as WeChat wants it). */
  page: string;
  data: Record<string, { value: string }>;
}

export const FIELD_LIMITS: Record<Exclude<TemplateFieldType, 'time' | 'date'>, number> = { thing: 20, phrase: 5, name: 10, character_string: 32, number: 32 };

const FALLBACK: Record<TemplateFieldType, string> = {
  thing: '详情请进入小程序查看',
  phrase: '已更新',
  name: '工会',
  character_string: '-',
  number: '0',
  time: '',
  date: '',
};

const chars = (s: string) => Array.from(s);

/** Cuts to `max` characters, ending with … when cut (the ellipsis counts). */
export function clip(value: string, max: number): string {
  const c = chars(value.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim());
  return c.length <= max ? c.join('') : c.slice(0, max - 1).join('') + '…';
}

const isInstant = (v: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v) && !Number.isNaN(Date.parse(v));

/** One field's value, formatted for its type; null when the value cannot be used (the next source is tried). */
export function formatField(type: TemplateFieldType, raw: string | undefined): string | null {
  if (raw === undefined || raw === null) return null;
  const value = String(raw).trim();
  if (!value) return null;
  switch (type) {
    case 'thing':
      return clip(value, FIELD_LIMITS.thing);
    case 'name':
      return clip(value, FIELD_LIMITS.name);
    case 'phrase': {
      // Only Chinese characters, at most five (no digits, letters or punctuation).
      const han = chars(value).filter((ch) => /\p{Script=Han}/u.test(ch));
      return han.length ? han.slice(0, FIELD_LIMITS.phrase).join('') : null;
    }
    case 'character_string': {
      const ascii = value.replace(/[^\x21-\x7e]/g, '');
      return ascii ? ascii.slice(0, FIELD_LIMITS.character_string) : null;
    }
    case 'number': {
      const m = value.match(/^-?\d+(\.\d+)?$/);
      return m ? value.slice(0, FIELD_LIMITS.number) : null;
    }
    case 'time':
      return isInstant(value) ? formatInstant(value) : null;
    case 'date':
      return isLocalDate(value) || isInstant(value) ? formatDate(value) : null;
  }
}

function valueOf(source: FieldSource, notice: MessageSource): string | undefined {
  if (source === 'title') return notice.title;
  if (source === 'body') return notice.body;
  if (source === 'at') return notice.at;
  return notice.fields?.[source];
}

function fieldValue(field: TemplateField, notice: MessageSource): string {
  for (const source of field.from) {
    const v = formatField(field.type, valueOf(source, notice));
    if (v) return v;
  }
  if (field.type === 'time') return formatInstant(notice.at);
  if (field.type === 'date') return formatDate(notice.at);
  return FALLBACK[field.type];
}

/** The subscribe message for a notice, or null when its kind has no template (message centre only). */
export function subscribeMessageOf(notice: MessageSource): SubscribeMessage | null {
  const template = kindSpec(notice.kind).template;
  if (!template) return null;
  const spec = SUBSCRIBE_TEMPLATES[template];
  const data: Record<string, { value: string }> = {};
  for (const field of spec.fields) data[field.key] = { value: fieldValue(field, notice) };
  const page = (notice.link && /^\/[A-Za-z0-9/_-]+(\?[A-Za-z0-9_=&%.-]*)?$/.test(notice.link) ? notice.link : '/pkg-notices/inbox/index').slice(1);
  return { template, templateId: spec.id, page, data };
}
