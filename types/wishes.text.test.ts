import { DEFAULT_WISH_POLICY, pointsFor, wishForm } from './wishes.schema';
import { ageBandOf, personalDataIn } from './wishes.text';

describe('personal data in a wish’s text', () => {
  it.each([
    ['请打 13812345678', 'phone'],
    ['电话：138-1234-5678', 'phone'],
    ['座机 0573-82345678', 'phone'],
    ['１３８１２３４５６７８', 'phone'],
    ['身份证330402195801011234', 'id'],
    ['银行卡 6222 0212 3456 7890 123', 'id'],
    ['家住南湖区某某小区', 'address'],
    ['中山路88号', 'address'],
    ['3幢201室', 'address'],
    ['凤桥村5组', 'address'],
    ['幸福花园12', 'address'],
  ])('%s → %s', (text, kind) => {
    expect(personalDataIn(text)).toBe(kind);
  });

  it.each(['一双 42 号康复鞋', '32 寸电视机', '1.5 匹空调', '20 寸自行车', '今年 68 岁，行动不便', '价值约 450 元', '2026 年 7 月前'])('%s is fine', (text) => {
    expect(personalDataIn(text)).toBeNull();
  });

  it('the form says which field and why', () => {
    const r = wishForm.safeParse({ title: '洗衣机', category: 'appliance', description: '需要洗衣机，联系 13812345678', valueYuan: 300, neededBy: '2026-07-01', handover: 'at_union' });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]).toMatchObject({ path: ['description'], message: expect.stringMatching(/电话号码/) });
  });
});

describe('age bands and points', () => {
  it('shows an age band, never an age', () => {
    expect(ageBandOf(1958, 2026)).toBe('60 多岁');
    expect(ageBandOf(1950, 2026)).toBe('70 岁以上');
    expect(ageBandOf(2000, 2026)).toBe('30 岁以下');
  });

  it('gives points per wish plus the highest value band reached', () => {
    expect(pointsFor(DEFAULT_WISH_POLICY, 150)).toBe(10);
    expect(pointsFor(DEFAULT_WISH_POLICY, 200)).toBe(15);
    expect(pointsFor(DEFAULT_WISH_POLICY, 499)).toBe(20);
  });
});
