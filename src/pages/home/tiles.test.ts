import type { MeOutput } from '../../../types/account.schema';
import type { MyCardOutput } from '../../../types/greencard.schema';
import type { MySignupView } from '../../../types/trips.schema';
import type { CaseSummary } from '../../../types/hardship.model';
import type { WishTile } from '../../../types/wishes.schema';
import { homeTiles } from './tiles';

const me = (roles: MeOutput['roles']): MeOutput => ({ registered: true, roles, profile: null, honours: [], staffScope: null, hospital: null });
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
  it('opens all four services online', () => {
    const tiles = homeTiles({ me: me(['worker']) });
    expect(tiles.map((t) => t.key)).toEqual(['greencard', 'trips', 'hardship', 'wishes']);
    expect(tiles.filter((t) => !t.open)).toEqual([]);
  });

  it("shows the person's own hardship case and wishes on the tiles", () => {
    const c = (status: CaseSummary['status'], over: Partial<CaseSummary> = {}): CaseSummary => ({
      id: 'hc', caseNo: 'KN1', type: 'aid', origin: 'self', status, statusText: status === 'notice' ? '公示中' : '审核中', stepText: '待大云镇总工会审核',
      name: '李小红', orgName: '东云', aidKinds: ['living'], totalAmount: null, dueAt: null, overdue: false, reminders: 0, updatedAt: '', mine: false, ...over,
    });
    const hardship = (cases: CaseSummary[]) => homeTiles({ me: me(['worker']), cases }).find((t) => t.key === 'hardship');
    expect(hardship([c('reviewing')])?.note).toBe('我的申请：待大云镇总工会审核');
    expect(hardship([c('reviewing'), c('returned')])).toMatchObject({ note: '我的申请：需要补充材料', urgent: true });
    expect(hardship([c('notice')])?.note).toBe('我的申请：公示中');
    expect(hardship([c('archived')])?.note).toBe('困难自测、申请与进度');
    const wishes = (t: WishTile) => homeTiles({ me: me(['worker', 'volunteer']), wishes: t }).find((x) => x.key === 'wishes');
    expect(wishes({ openClaims: 2, nextDueAt: '2026-07-10', toConfirm: 0, householdOpen: 0 })?.note).toBe('我认领的心愿 2 个 · 2026年7月10日前送达');
    expect(wishes({ openClaims: 1, nextDueAt: null, toConfirm: 1, householdOpen: 1 })).toMatchObject({ note: '心愿已送达，请确认收到', urgent: true });
    expect(wishes({ openClaims: 0, nextDueAt: null, toConfirm: 0, householdOpen: 0 })?.note).toBe('认领与送达');
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
    const volunteer = homeTiles({ me: me(['worker', 'volunteer']), elder: true }).map((t) => t.key);
    expect(volunteer).toEqual(['trips', 'hardship', 'wishes']);
    const clerk = homeTiles({ me: me(['hospital_staff']), elder: true }).map((t) => t.key);
    expect(clerk).toEqual(['verify']);
    expect(homeTiles({ me: me(['worker', 'staff']), elder: true }).map((t) => t.key)).toEqual(['trips', 'hardship', 'staff']);
  });
});
