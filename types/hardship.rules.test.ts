/** The pure rules of 困难帮扶: per-capita income, category, documents by cause, tiers and their bounds, the 公示 period. */
import { DEFAULT_CONFIG, boundsOf, flagsOf, incomeOfForm, likelyCategory, missingDocs, noticePeriod, perCapita, requiredDocs, ruleFor, suggestAmount, suggestions } from './hardship.rules';
import { WEEKDAYS_ONLY } from './time';

const costs = { dibao: 1000, medicalCosts: 20000, schoolingCosts: 6000, rigidExpenses: 30000, aidReceived: 2000 };

describe('per-capita income', () => {
  it('is (annual income − 刚性支出) ÷ 12 ÷ household size, kept with its inputs', () => {
    expect(perCapita(60000, 12000, 4)).toEqual({ annualIncome: 60000, rigidExpenses: 12000, householdSize: 4, perCapitaMonthly: 1000 });
    expect(perCapita(10000, 0, 3).perCapitaMonthly).toBe(277.78);
    expect(perCapita(10000, 16000, 2).perCapitaMonthly).toBe(-250);
  });
  it('adds every member of a form, twelve months each', () => {
    const f = { monthlyIncome: 2000, members: [{ monthlyIncome: 1000 }, { monthlyIncome: 0 }], medicalCosts: 6000, schoolingCosts: 3000, otherCosts: 0 };
    expect(incomeOfForm(f)).toEqual({ annualIncome: 36000, rigidExpenses: 9000, householdSize: 3, perCapitaMonthly: 750 });
  });
});

describe('the likely category', () => {
  const dibao = 1000;
  it.each([
    [perCapita(30000, 0, 3), 'deep'],
    [perCapita(60000, 0, 3), 'relative'],
    [perCapita(300000, 250000, 3), 'accident'],
    [perCapita(100000, 90000, 3), 'deep'],
    [perCapita(200000, 0, 3), null],
  ])('%j → %s', (facts, category) => expect(likelyCategory(facts, dibao)).toBe(category));
});

describe('documents by cause', () => {
  it('asks for exactly what the causes and aid kinds need, and says what is missing', () => {
    expect(requiredDocs(['own_illness'])).toEqual(['diagnosis', 'medical_receipts']);
    expect(requiredDocs(['schooling', 'disability'])).toEqual(['admission', 'fee_receipts', 'disability_cert']);
    expect(requiredDocs(['low_income'], ['schooling'])).toEqual(['admission', 'fee_receipts', 'income_proof']);
    expect(requiredDocs(['other'])).toEqual([]);
    expect(missingDocs(['diagnosis', 'medical_receipts'], [{ doc: 'diagnosis' }])).toEqual(['medical_receipts']);
  });
  it('flags the typical exclusions for reviewers', () => {
    expect(flagsOf({ homes: 2, business: 'employs', hasCar: false })).toHaveLength(2);
    expect(flagsOf({ homes: 1, business: 'none', hasCar: false })).toEqual([]);
  });
});

describe('tiers', () => {
  it('computes each basis: months of 低保, a share of out-of-pocket costs after other aid, a fixed sum — within bounds', () => {
    expect(suggestAmount(ruleFor(DEFAULT_CONFIG.tiers, 'deep', 'living')!, costs)).toBe(10000);
    expect(suggestAmount(ruleFor(DEFAULT_CONFIG.tiers, 'relative', 'medical')!, costs)).toBe(10000); // 80 % of 18,000, capped
    expect(suggestAmount(ruleFor(DEFAULT_CONFIG.tiers, 'accident', 'medical')!, costs)).toBe(2700); // 15 % of 18,000
    expect(suggestAmount(ruleFor(DEFAULT_CONFIG.tiers, 'accident', 'schooling')!, costs)).toBe(2000);
    expect(suggestAmount({ category: 'deep', aidKind: 'medical', basis: 'cost_share', value: 100, min: 500, max: 20000 }, { ...costs, medicalCosts: 0 })).toBe(500);
  });
  it('lowers the cap to what the household has left this year, across the aid kinds of one case', () => {
    expect(boundsOf(ruleFor(DEFAULT_CONFIG.tiers, 'deep', 'living')!, 5000)).toEqual({ min: 1000, max: 5000 });
    expect(boundsOf(ruleFor(DEFAULT_CONFIG.tiers, 'deep', 'living')!, 0)).toEqual({ min: 0, max: 0 });
    const both = suggestions(DEFAULT_CONFIG, 'deep', ['living', 'medical'], costs, 15000);
    expect(both.map((s) => [s.aidKind, s.suggested, s.max])).toEqual([['living', 10000, 15000], ['medical', 5000, 5000]]);
  });
});

describe('公示 in working days (Asia/Shanghai)', () => {
  it('lasts at least five working days from the first working day', () => {
    expect(noticePeriod('2026-06-01', 5, WEEKDAYS_ONLY)).toEqual({ from: '2026-06-01', until: '2026-06-05' });
    expect(noticePeriod('2026-06-05', 5, WEEKDAYS_ONLY)).toEqual({ from: '2026-06-05', until: '2026-06-11' });
    expect(noticePeriod('2026-06-06', 5, WEEKDAYS_ONLY)).toEqual({ from: '2026-06-08', until: '2026-06-12' });
    expect(noticePeriod('2026-06-01', 3, WEEKDAYS_ONLY).until).toBe('2026-06-05');
  });
  it('skips the configured holidays and counts 调休 weekend workdays', () => {
    const dragonBoat = { holidays: ['2026-06-19'], workdays: ['2026-06-21'] };
    expect(noticePeriod('2026-06-17', 5, dragonBoat)).toEqual({ from: '2026-06-17', until: '2026-06-23' });
  });
});
