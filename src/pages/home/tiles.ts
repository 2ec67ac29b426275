/**
 * The home page's service tiles, from data: which services are open online, who they are for, and — when the
 * person has something going on — their own state on the tile's face (a card's status, a sign-up's status, a hardship
 * case's step, their wish claims). Pure, so it is unit-tested.
 */
import type { MeOutput } from '../../../types/account.schema';
import type { CardStatus, MyCardOutput } from '../../../types/greencard.schema';
import type { CaseSummary } from '../../../types/hardship.model';
import type { WishTile } from '../../../types/wishes.schema';
import type { MySignupView } from '../../../types/trips.schema';
import type { Role } from '../../../types/roles';
import { formatDate, formatDateRange } from '../../../types/time';

export type ServiceKey = 'greencard' | 'trips' | 'hardship' | 'wishes' | 'staff' | 'verify';

export interface Tile {
  key: ServiceKey;
  title: string;
  /** The line under the title: the person's own state when there is one, else what the service is. */
  note: string;
  url: string;
  /** false: not open online yet (the tile says 即将开放 on its face). */
  open: boolean;
  /** Something waits for the person (an offered place to confirm). */
  urgent?: boolean;
  /** The tile spans the row (staff and desk tools). */
  wide?: boolean;
}

interface Service {
  key: ServiceKey;
  title: string;
  note: string;
  url: string;
  open: boolean;
  /** Shown to people holding one of these roles (none: everyone). */
  roles?: readonly Role[];
  wide?: boolean;
}

const MEMBERS: readonly Role[] = ['worker', 'model_worker', 'volunteer', 'staff', 'admin'];

export const SERVICES: readonly Service[] = [
  { key: 'greencard', title: '医疗绿通', note: '就医优先服务卡', url: '/pkg-greencard/card/index', open: true },
  { key: 'trips', title: '疗休养', note: '线路与报名', url: '/pkg-trips/list/index', open: true },
  { key: 'hardship', title: '困难帮扶', note: '困难自测、申请与进度', url: '/pkg-hardship/index/index', open: true },
  { key: 'wishes', title: '微心愿', note: '认领与送达', url: '/pkg-wishes/index/index', open: true },
  { key: 'staff', title: '工会工作台', note: '人员、荣誉、绿通卡与疗休养管理', url: '/pkg-staff/index/index', open: true, roles: ['staff', 'admin'], wide: true },
  { key: 'verify', title: '绿通核验', note: '医院窗口核验绿通卡', url: '/pkg-greencard/verify/index', open: true, roles: ['hospital_staff'], wide: true },
];

const CARD_NOTES: Record<CardStatus, string> = {
  pending: '我的卡：申领审核中',
  active: '我的卡：有效，点此亮证',
  suspended: '我的卡：已暂停使用',
  revoked: '我的卡：已注销',
  rejected: '我的申领：未通过',
};

/** The card's line on the tile, or null when there is nothing of the person's own to say. */
export function cardNote(view: MyCardOutput | undefined): string | null {
  if (!view) return null;
  const card = view.card;
  if (card) {
    if (card.status === 'active' && !card.usable) return '我的卡：已过有效期';
    if ((card.status === 'revoked' || card.status === 'rejected') && view.eligibility.eligible) return `${CARD_NOTES[card.status]}，可重新申领`;
    return CARD_NOTES[card.status];
  }
  return view.eligibility.eligible ? '您可以申领绿通卡' : null;
}

const ACTIVE: readonly MySignupView['status'][] = ['offered', 'pending_review', 'confirmed', 'applied', 'waiting', 'placing'];

/** The sign-up that matters most now: an offered place first, then the next departure. */
export function currentSignup(signups: readonly MySignupView[] | undefined): MySignupView | null {
  const live = (signups ?? []).filter((s) => ACTIVE.includes(s.status));
  if (live.length === 0) return null;
  return [...live].sort((a, b) => {
    if ((a.status === 'offered') !== (b.status === 'offered')) return a.status === 'offered' ? -1 : 1;
    return a.departDate < b.departDate ? -1 : a.departDate > b.departDate ? 1 : 0;
  })[0];
}

export function signupNote(s: MySignupView): string {
  if (s.status === 'offered') return '有空出的名额，请尽快确认';
  if (s.status === 'waiting' && s.queuePosition) return `候补第 ${s.queuePosition} 位 · ${formatDateRange(s.departDate, s.returnDate)}`;
  return `${s.statusText} · ${formatDateRange(s.departDate, s.returnDate)}`;
}

const LIVE_CASE: readonly CaseSummary['status'][] = ['returned', 'draft', 'reviewing', 'notice', 'paying'];

/** The hardship case that matters most now (one returned for more information first), or null. */
export function currentCase(cases: readonly CaseSummary[] | undefined): CaseSummary | null {
  const live = (cases ?? []).filter((c) => LIVE_CASE.includes(c.status));
  if (live.length === 0) return null;
  return [...live].sort((a, b) => LIVE_CASE.indexOf(a.status) - LIVE_CASE.indexOf(b.status))[0];
}

export function caseNote(c: CaseSummary): string {
  if (c.status === 'returned') return '我的申请：需要补充材料';
  if (c.status === 'draft') return '我的申请：草稿未提交';
  if (c.status === 'reviewing') return `我的申请：${c.stepText}`;
  return `我的申请：${c.statusText}`;
}

/** The wishes tile's line: something to confirm first, then the person's open claims, then their household's wishes. */
export function wishNote(t: WishTile | undefined): { note: string; urgent: boolean; url: string } | null {
  if (!t) return null;
  const url = '/pkg-wishes/mine/index';
  if (t.toConfirm > 0) return { note: '心愿已送达，请确认收到', urgent: true, url };
  if (t.openClaims > 0) return { note: `我认领的心愿 ${t.openClaims} 个${t.nextDueAt ? ` · ${formatDate(t.nextDueAt)}前送达` : ''}`, urgent: false, url };
  if (t.householdOpen > 0) return { note: `我家的心愿 ${t.householdOpen} 个进行中`, urgent: false, url };
  return null;
}

export interface TileInput {
  me: MeOutput | null;
  card?: MyCardOutput;
  signups?: readonly MySignupView[];
  cases?: readonly CaseSummary[];
  wishes?: WishTile;
  /** 长辈模式: only the person's own, open services. */
  elder?: boolean;
}

function holds(me: MeOutput | null, roles: readonly Role[] | undefined): boolean {
  if (!roles) return true;
  return !!me && me.roles.some((r) => roles.includes(r));
}

export function homeTiles({ me, card, signups, cases, wishes, elder = false }: TileInput): Tile[] {
  const tiles: Tile[] = [];
  for (const s of SERVICES) {
    if (!holds(me, s.roles)) continue;
    const tile: Tile = { key: s.key, title: s.title, note: s.open ? s.note : `即将开放 · ${s.note}`, url: s.url, open: s.open, wide: s.wide };
    if (s.key === 'greencard') {
      const note = cardNote(card);
      if (note) tile.note = note;
      else if (elder) continue; // no card and nothing to apply for: not this person's service
    }
    if (s.key === 'trips') {
      const current = currentSignup(signups);
      if (current) {
        tile.note = signupNote(current);
        tile.urgent = current.status === 'offered';
        tile.url = '/pkg-trips/mine/index';
      } else if (elder && !holds(me, MEMBERS)) continue;
    }
    if (s.key === 'hardship') {
      const current = currentCase(cases);
      if (current) {
        tile.note = caseNote(current);
        tile.urgent = current.status === 'returned';
      } else if (elder && !holds(me, MEMBERS)) continue;
    }
    if (s.key === 'wishes') {
      const mine = wishNote(wishes);
      if (mine) Object.assign(tile, mine);
      else if (elder && !holds(me, ['volunteer'])) continue; // nothing of theirs, and not a volunteer
    }
    if (elder && !s.open) continue;
    tiles.push(tile);
  }
  return tiles;
}
