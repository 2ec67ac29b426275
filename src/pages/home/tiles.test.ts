import type { CaseSummary } from '../../../types/hardship.schema';
import type { MeOutput } from '../../../types/account.schema';
import type { MyCardOutput } from '../../../types/greencard.schema';
import type { MySignupView } from '../../../types/trips.schema';
import { homeTiles } from './tiles';

const me = (roles: MeOutput['roles']): MeOutput => ({ registered: true, roles, profile: null, honours: [], staffScope: null, hospital: null, unreadNotices: 0 });
const eligibility = { eligible: false, issuerOrgId: null, issuerOrgName: null, honourTitle: null, reasons: [] };
const card = (status: 'active' | 'pending', usable: boolean): MyCardOutput => ({
  card: { cardId: 'c', cardNo: 'LT1', status, usable, statusReason: null, name: '钱国强', nameMasked: '钱*强', idMasked: '', idRevealed: '', birthYear: 1962, honourTitle: '全国劳动模范', issuerOrgId: 'o', issuerOrgName: '嘉兴市总工会', validFrom: null, validUntil: null, appliedAt: '' },
  eligibility,
  hospitals: [],
  serverNow: '',
});
const signup = (status: MySignupView['status'], over: Partial<MySignupView> = {}): MySignupView => ({
  id: 's', tripId: 't', tripTitle: '景宁森林康养', sessionId: 'ss', sessionLabel: '第一期', departDate: '2026-07-01', returnDate: '2026-07-03',
  status, statusText: status === 'confirmed' ? '报名成功' : '候补中', queuePosition: null, offerExpiresAt: null, cancelDeadline: '', canCancel: true, history: [], ...over,
});

describe('home tiles', () => {
  it('says 即将开放 on the face of services not open online yet', () => {
    const tiles = homeTiles({ me: me(['worker']) });
    const soon = tiles.filter((t) => !t.open).map((t) => t.key);
    expect(soon).toEqual(['wishes']);
    for (const t of tiles.filter((x) => !x.open)) expect(t.note).toMatch(/^即将开放/);
  });

  it("shows the person's own card and sign-up on the tiles", () => {
    const tiles = homeTiles({ me: me(['worker', 'model_worker']), card: card('active', true), signups: [signup('waiting', { queuePosition: 2 }), signup('cancelled')] });
    expect(tiles.find((t) => t.key === 'greencard')?.note).toBe('我的卡：有效，点此亮证');
    expect(tiles.find((t) => t.key === 'trips')?.note).toBe('候补第 2 位 · 7月1日—7月3日');
    expect(homeTiles({ me: me(['worker', 'model_worker']), card: card('pending', false) }).find((t) => t.key === 'greencard')?.note).toBe('我的卡：申领审核中');
    const offered = homeTiles({ me: me(['worker']), signups: [signup('confirmed', { departDate: '2026-05-01' }), signup('offered')] }).find((t) => t.key === 'trips');
    expect(offered).toMatchObject({ urgent: true, note: '有空出的名额，请尽快确认' });
  });

  it('keeps only the person\'s own open services in 长辈模式', () => {
    const holder = homeTiles({ me: me(['worker', 'model_worker']), card: card('active', true), elder: true }).map((t) => t.key);
    expect(holder).toEqual(['greencard', 'trips', 'hardship']);
    const clerk = homeTiles({ me: me(['hospital_staff']), elder: true }).map((t) => t.key);
    expect(clerk).toEqual(['verify']);
    expect(homeTiles({ me: me(['worker', 'staff']), elder: true }).map((t) => t.key)).toEqual(['trips', 'hardship', 'staff']);
  });

  it("shows the person's own 困难帮扶 case on its tile: a return first, then a draft", () => {
    const c = (id: string, status: CaseSummary['status'], stepText: string): CaseSummary =>
      ({ id, caseNo: id, type: 'aid', origin: 'self', status, statusText: '', stepText, name: '李小红', orgName: '', aidKinds: ['medical'], totalAmount: null, dueAt: null, overdue: false, reminders: 0, updatedAt: '', mine: false });
    const tile = (cases: CaseSummary[]) => homeTiles({ me: me(['worker']), cases }).find((t) => t.key === 'hardship');
    expect(tile([])?.note).toBe('申请与进度');
    expect(tile([c('a', 'withdrawn', '')])?.note).toBe('申请与进度');
    expect(tile([c('a', 'reviewing', '待大云镇总工会审核'), c('b', 'draft', '')])).toMatchObject({ note: '我的申请：草稿未提交', url: '/pkg-hardship/apply/index?caseId=b' });
    expect(tile([c('a', 'reviewing', '待大云镇总工会审核'), c('b', 'returned', '')])).toMatchObject({ note: '我的申请：请补充材料', urgent: true });
    expect(tile([c('a', 'reviewing', '待大云镇总工会审核')])?.note).toBe('我的申请：待大云镇总工会审核');
  });
});
