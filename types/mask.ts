/** Masked forms shown to anyone but the person. Pure functions, used by the app and the functions. */

/** 王小明 → 王*明, 王明 → 王*, 欧阳小明 → 欧**明 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length <= 1) return chars.join('');
  if (chars.length === 2) return `${chars[0]}*`;
  return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** 13812345678 → 138****5678 */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}

/** Only the last four digits are ever stored: 1234 → 3304**********1234 style (region prefix kept when known). */
export function maskIdNumber(last4: string, regionPrefix = '3304'): string {
  return `${regionPrefix}**********${last4}`;
}
