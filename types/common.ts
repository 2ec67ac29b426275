/**
 * Building blocks for every schema. Each one rejects objects where a string or number belongs,
 * so a MongoDB operator smuggled into a field (`{"$gt": ""}`) never reaches a query.
 */
import { z } from 'zod';

/** Trimmed text with a length limit, in Chinese error messages. */
export function text(max: number, min = 1, label = '内容') {
  return z
    .string({ error: `${label}应为文字` })
    .trim()
    .min(min, min <= 1 ? `请填写${label}` : `${label}至少 ${min} 个字`)
    .max(max, `${label}不能超过 ${max} 个字`);
}

export function optionalText(max: number, label = '内容') {
  return z.string({ error: `${label}应为文字` }).trim().max(max, `${label}不能超过 ${max} 个字`).optional();
}

/** Document ids: letters, digits, `_` and `-` only, never an object. */
export const docId = z
  .string({ error: '编号应为文字' })
  .regex(/^[A-Za-z0-9_-]{1,64}$/, '编号格式不正确');

export const requestId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'requestId 格式不正确');

export const personName = z
  .string({ error: '姓名应为文字' })
  .trim()
  .min(2, '姓名至少 2 个字')
  .max(20, '姓名不能超过 20 个字')
  .regex(/^[\u4e00-\u9fa5·A-Za-z ]+$/, '姓名只能包含汉字、字母和间隔号');

export const mobilePhone = z
  .string({ error: '手机号应为文字' })
  .trim()
  .regex(/^1[3-9]\d{9}$/, '请填写 11 位手机号');

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of an 18-digit resident ID number from its first 17 digits (GB 11643). */
export function idCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** True when an 18-digit resident ID number has a valid birth date and check digit (GB 11643). */
export function isValidIdNumber(value: string): boolean {
  if (!/^\d{17}[\dX]$/.test(value)) return false;
  const y = Number(value.slice(6, 10));
  const m = Number(value.slice(10, 12));
  const d = Number(value.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return idCheckDigit(value) === value[17];
}

export const idNumber = z
  .string({ error: '身份证号应为文字' })
  .trim()
  .transform((v) => v.toUpperCase())
  .refine(isValidIdNumber, '身份证号不正确，请核对 18 位号码');

/** ISO 8601 instant in UTC, as the functions store it. */
export const isoInstant = z.iso.datetime({ offset: true, error: '时间格式不正确' });

/** Business date in Asia/Shanghai, `YYYY-MM-DD`. */
export const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 年-月-日');

export const empty = z.object({}).strict();

export const reason = text(200, 2, '原因');
