import { SUBSCRIBE_TEMPLATES, kindSpec } from '../../types/notice-templates';
import { clip, formatField, subscribeMessageOf } from './subscribe';

describe('subscribe-message fields within WeChat’s limits', () => {
  it('thing ≤ 20 characters, cut with an ellipsis; control characters and runs of spaces go', () => {
    expect(formatField('thing', '景宁畲乡森林康养')).toBe('景宁畲乡森林康养');
    const long = formatField('thing', '嘉兴市总工会二〇二六年度劳模疗休养景宁畲乡森林康养第一期')!;
    expect(Array.from(long)).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
    expect(formatField('thing', 'a\n\tb   c')).toBe('a b c');
    expect(clip('😀'.repeat(25), 20)).toHaveLength(19 * 2 + 1); // surrogate pairs count as one character each
  });
  it('phrase: at most five Chinese characters, nothing else', () => {
    expect(formatField('phrase', '审核通过')).toBe('审核通过');
    expect(formatField('phrase', '已通过审核并公示')).toBe('已通过审核');
    expect(formatField('phrase', 'OK 2 通过!')).toBe('通过');
    expect(formatField('phrase', 'OK')).toBeNull();
  });
  it('name ≤ 10, character_string ≤ 32 letters and digits, number, time and date formats', () => {
    expect(formatField('name', '嘉兴市南湖区新嘉街道总工会')).toHaveLength(10);
    expect(formatField('character_string', 'LT000123 卡号')).toBe('LT000123');
    expect(formatField('character_string', 'x'.repeat(40))).toHaveLength(32);
    expect(formatField('number', '12a')).toBeNull();
    expect(formatField('time', '2026-06-01T01:00:00.000Z')).toBe('2026年6月1日 09:00');
    expect(formatField('time', '明天')).toBeNull();
    expect(formatField('date', '2026-07-01')).toBe('2026年7月1日');
    expect(formatField('date', '2026-06-30T16:30:00.000Z')).toBe('2026年7月1日');
  });
  it('a message is never empty: missing values fall back to the next source or a safe default', () => {
    const m = subscribeMessageOf({ kind: 'hardship_returned', title: '您的帮扶申请已退回补充材料', body: '', at: '2026-06-01T01:00:00.000Z', link: '/pkg-hardship/index/index' })!;
    expect(m.template).toBe('review_result');
    expect(m.templateId).toBe(SUBSCRIBE_TEMPLATES.review_result.id);
    expect(m.page).toBe('pkg-hardship/index/index');
    for (const v of Object.values(m.data)) expect(v.value.length).toBeGreaterThan(0);
    expect(m.data.phrase2.value).toBe('已更新');
    expect(m.data.time4.value).toBe('2026年6月1日 09:00');
  });
  it('every kind the features send has a template; wishes and hardship by prefix; unknown kinds only in the centre', () => {
    for (const k of ['trip_offer', 'trip_review', 'trip_departure', 'card_suspended', 'card_renewal_due', 'hardship_approved', 'wish_claimed']) expect(kindSpec(k).template).not.toBeNull();
    expect(kindSpec('wish_claimed')).toEqual({ label: '心愿认领', template: 'progress' });
    // A kind a feature adds without listing it falls back by its prefix.
    expect(kindSpec('wish_something_new')).toEqual({ label: '微心愿', template: 'progress' });
    expect(kindSpec('hardship_something_new')).toEqual({ label: '困难帮扶', template: 'progress' });
    expect(subscribeMessageOf({ kind: 'other', title: 't', body: 'b', at: '2026-06-01T01:00:00.000Z' })).toBeNull();
  });
  it('links outside the app fall back to the message centre', () => {
    expect(subscribeMessageOf({ kind: 'trip_offer', title: 't', body: 'b', at: '2026-06-01T01:00:00.000Z', link: 'https://evil.example' })!.page).toBe('pkg-notices/inbox/index');
  });
});
