import { VERDICT_MESSAGES } from '../../../types/greencard.code';
import type { VerifyOutput } from '../../../types/greencard.schema';
import { answerOf, emptyInputMessage, QUEUED_NOTE, REPEAT_NOTE } from './verify-answer';

const card = { cardNo: 'LT000001', nameMasked: '钱*强', honourTitle: '全国劳动模范', birthYear: 1962 };
const online = (over: Partial<VerifyOutput>): VerifyOutput => ({
  verdict: 'valid',
  title: '有效，请按绿色通道接待',
  message: VERDICT_MESSAGES.valid,
  checkedAt: '2026-06-01T02:00:00.000Z',
  card,
  priorities: ['registration'],
  visitId: 'v1',
  repeat: false,
  ...over,
});
const all = (a: ReturnType<typeof answerOf>) => [a.title, a.message, ...a.notes].join('\n');
const count = (text: string, part: string) => text.split(part).length - 1;

describe('the desk answer', () => {
  it('says a repeat scan was already checked once, whether or not the function says it too', () => {
    const serverSays = answerOf({ kind: 'online', data: online({ repeat: true, message: `${VERDICT_MESSAGES.valid}（这个码刚才已核验过，不重复记录就诊）` }) });
    expect(count(all(serverSays), '已核验过')).toBe(1);
    const flagOnly = answerOf({ kind: 'online', data: online({ repeat: true }) });
    expect(flagOnly.notes).toEqual([REPEAT_NOTE]);
  });

  it('promises an upload only for a visit queued offline, never for a refused code', () => {
    const hospital = { priorities: ['registration' as const] };
    const queued = answerOf({ kind: 'offline', result: { verdict: 'valid', cardNo: 'LT000001', window: 1, card: { ...card, status: 'active', validUntilAt: '2030-01-01T00:00:00.000Z' } }, hospital, queued: true, repeat: false });
    expect(queued.notes).toContain(QUEUED_NOTE);
    const refused = answerOf({ kind: 'offline', result: { verdict: 'expired_code', cardNo: 'LT000001', window: 1, card: null }, hospital, queued: false, repeat: false });
    expect(all(refused)).not.toMatch(/上传/);
    expect(all(answerOf({ kind: 'offline-short-code' }))).not.toMatch(/上传/);
    expect(refused.priorities).toEqual([]);
  });

  it('tells the clerk on H5 to type, not to scan', () => {
    expect(emptyInputMessage(false)).not.toMatch(/扫码/);
    expect(emptyInputMessage(true)).toMatch(/扫码/);
  });
});
