import {
  addLocalDays, addLocalMonths, daysBetween, endOfLocalDay, formatDate, formatDateRange, formatInstant, isLocalDate,
  isWorkingDay, joinInstant, localDateOf, localMonthOf, localYearOf, splitInstant, startOfLocalDay, workingDaysBetween,
  workingDaysEnd,
} from './time';

describe('business time in Asia/Shanghai', () => {
  it('reads instants on the Shanghai calendar whatever the machine zone', () => {
    expect(localDateOf('2026-12-31T15:59:59.000Z')).toBe('2026-12-31');
    expect(localDateOf('2026-12-31T16:00:00.000Z')).toBe('2027-01-01');
    expect(localYearOf('2026-12-31T16:00:00.000Z')).toBe(2027);
    expect(localMonthOf('2026-05-31T16:30:00.000Z')).toBe('2026-06');
    expect(splitInstant('2026-06-01T01:05:00.000Z')).toEqual({ date: '2026-06-01', time: '09:05' });
  });

  it('turns business dates and times back into instants', () => {
    expect(startOfLocalDay('2026-06-01').toISOString()).toBe('2026-05-31T16:00:00.000Z');
    expect(endOfLocalDay('2026-06-01').toISOString()).toBe('2026-06-01T16:00:00.000Z');
    expect(joinInstant('2026-06-01', '09:05')).toBe('2026-06-01T01:05:00.000Z');
    expect(joinInstant('2026-02-30', '09:05')).toBe('');
    expect(joinInstant('2026-06-01', '24:00')).toBe('');
    expect(isLocalDate('2026-02-29')).toBe(false);
  });

  it('does calendar arithmetic on dates', () => {
    expect(addLocalDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addLocalMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(daysBetween('2026-06-01', '2026-06-15')).toBe(14);
  });

  it('counts working days, with holidays and 调休 workdays', () => {
    expect(isWorkingDay('2026-06-06')).toBe(false); // Saturday
    expect(workingDaysEnd('2026-06-05', 5)).toBe('2026-06-11'); // Fri → Thu
    expect(workingDaysEnd('2026-06-06', 5)).toBe('2026-06-12'); // Sat → next Fri
    const calendar = { holidays: ['2026-10-01', '2026-10-02'], workdays: ['2026-10-10'] };
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false);
    expect(isWorkingDay('2026-10-10', calendar)).toBe(true);
    expect(workingDaysBetween('2026-09-28', '2026-10-04', calendar)).toBe(3);
  });

  it('formats for people', () => {
    expect(formatInstant('2026-06-01T01:00:00.000Z')).toBe('2026年6月1日 09:00');
    expect(formatDate('2026-07-01')).toBe('2026年7月1日');
    expect(formatDate('2026-06-30T16:30:00.000Z')).toBe('2026年7月1日');
    expect(formatDateRange('2026-07-01', '2026-07-03')).toBe('7月1日—7月3日');
    expect(formatDateRange('2026-07-01', '2026-07-01')).toBe('7月1日');
  });
});
