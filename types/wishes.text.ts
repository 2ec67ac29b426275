/**
 * What a wish's public text must not carry: the household's phone, an ID number, an address. Volunteers read the
 * title and description in the pool and the thank-you after delivery; the household is reached through its union,
 * never directly (DOMAIN.md, "What people expect"). Pure, shared by the app (checked before sending) and the
 * function (the same zod schema), so the message a person sees is the same on both sides.
 */

export type PersonalDataKind = 'phone' | 'id' | 'address';

export const PERSONAL_DATA_MESSAGES: Record<PersonalDataKind, string> = {
  phone: '请不要填写电话号码：志愿者通过工会联系，不需要家庭的电话',
  id: '请不要填写身份证号、银行卡号等号码',
  address: '请不要填写家庭住址：送达地点由工会安排',
};

/** Digits written with spaces or dashes between them (138 1234 5678, 0573-8888 6666) are read as one number. */
function squeeze(text: string): string {
  return text.replace(/(\d)[\s\-－—.]+(?=\d)/g, '$1').replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));
}

const PHONE = /(?<!\d)(?:\+?86)?1[3-9]\d{9}(?!\d)/;
const LANDLINE = /(?<!\d)0\d{2,3}\d{7,8}(?!\d)/;
const LONG_NUMBER = /(?<!\d)\d{15,}[\dXx]?(?!\d)/;
const ID_NUMBER = /(?<!\d)\d{17}[\dXx](?![\dA-Za-z])/;
const ADDRESS = [
  /(?:住址|地址|家住|住在|门牌)/,
  /[\u4e00-\u9fa5]{1,12}(?:路|街|巷|弄|大道|胡同)\s*\d+\s*(?:号|弄)/,
  /\d+\s*(?:号楼|幢|栋|单元)/,
  /\d{2,4}\s*室/,
  /[\u4e00-\u9fa5]{1,10}(?:小区|新村|花园|公寓|家园|苑)\s*\d+/,
  /[\u4e00-\u9fa5]{1,10}村\s*\d+\s*组/,
];

/** The first kind of personal data found in the text, or null. */
export function personalDataIn(text: string): PersonalDataKind | null {
  const t = squeeze(text);
  if (ID_NUMBER.test(t) || LONG_NUMBER.test(t)) return 'id';
  if (PHONE.test(t) || LANDLINE.test(t)) return 'phone';
  if (ADDRESS.some((re) => re.test(t))) return 'address';
  return null;
}

/** The age band volunteers see instead of an age: 40 多岁, 70 岁以上. */
export function ageBandOf(birthYear: number, year: number): string {
  const age = year - birthYear;
  if (age < 30) return '30 岁以下';
  if (age >= 70) return '70 岁以上';
  return `${Math.floor(age / 10) * 10} 多岁`;
}
