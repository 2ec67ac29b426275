import { priorityNotice } from './notices';

const rules = { priorityWeight: 3, priorityHeadStartHours: 2 };

describe('priorityNotice', () => {
  it('says nothing to someone who cannot sign up (the reasons speak instead)', () => {
    expect(priorityNotice('first_come', rules, { eligible: false, priority: true })).toBeNull();
    expect(priorityNotice('lottery', rules, { eligible: false, priority: true })).toBeNull();
  });

  it('uses first-come wording for first-come trips and lottery wording only for lotteries', () => {
    expect(priorityNotice('first_come', rules, { eligible: true, priority: true })).toBe('您近年没有参加过疗休养，可以提前 2 小时报名');
    expect(priorityNotice('first_come', rules, { eligible: true, priority: true })).not.toMatch(/抽签/);
    expect(priorityNotice('lottery', rules, { eligible: true, priority: true })).toBe('您近年没有参加过疗休养，抽签时中签机会是其他人的 3 倍');
  });

  it('says nothing when the rules give no advantage or the person has none', () => {
    expect(priorityNotice('first_come', { priorityWeight: 3, priorityHeadStartHours: 0 }, { eligible: true, priority: true })).toBeNull();
    expect(priorityNotice('lottery', { priorityWeight: 1, priorityHeadStartHours: 2 }, { eligible: true, priority: true })).toBeNull();
    expect(priorityNotice('lottery', rules, { eligible: true, priority: false })).toBeNull();
  });
});
