/** Stored shapes of the green-channel feature and the views made from them (data minimisation happens here). */
import type { HonourLevel } from '../../../types/account.schema';
import type { CardStatus, HolderCard, HospitalView, PartnerHospital, Priority, StaffCardRow } from '../../../types/greencard.schema';
import type { Decision } from '../../core/authority';
import type { UserDoc } from '../../core/users';
import type { HistoryItem } from '../../core/workflow';
import type { CardEvent } from '../../../types/greencard.workflow';
import { maskName } from '../account/identity';

export const C = {
  cards: 'greencard_cards',
  holders: 'greencard_holders',
  counters: 'greencard_counters',
  policies: 'greencard_policies',
  visits: 'greencard_visits',
  attempts: 'greencard_attempts',
  hospitals: 'hospitals',
} as const;

export interface HospitalDoc {
  _id: string;
  name: string;
  address: string;
  desk: string;
  phone: string;
  hours: string;
  priorities: Priority[];
  /** Cards issued by these organisations are honoured here. */
  honouredOrgIds: string[];
  /** The union that manages this partnership: its staff (and those above) edit it and assign its desk clerks. */
  ownerOrgId: string;
  /** Orgs outside the owner's subtree whose cards the hospital asked to honour, waiting for their staff to agree. */
  honourRequests?: HonourRequest[];
  createdAt: string;
  updatedAt: string;
}

export interface HonourRequest {
  orgId: string;
  requestedAt: string;
  requestedBy: string;
}

export interface PolicyDoc {
  _id: string; // the issuing org id
  orgId: string;
  titles: string[];
  levels: HonourLevel[];
  validityMonths: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CardDoc {
  _id: string; // gc_<cardNo>
  cardNo: string;
  seq: number;
  userId: string;
  holderOrgPath: string[];
  holderNameMasked: string;
  holderIdMasked: string;
  holderBirthYear: number;
  issuerOrgId: string;
  issuerOrgName: string;
  honourId: string;
  honourTitle: string;
  honourLevel: HonourLevel;
  status: CardStatus;
  statusReason: string | null;
  statusChangedAt: string;
  validFrom: string | null;
  validUntil: string | null;
  validUntilAt: string | null;
  appliedAt: string;
  createdAt: string;
  updatedAt: string;
  /** The workflow's version, history and the decision that a reinstatement must lift. */
  version: number;
  history: HistoryItem[];
  decision: Decision | null;
}

/** One per person: points at their latest card, so "one open card per person" is checked in a transaction. */
export interface HolderDoc {
  _id: string; // user id
  cardId: string;
  updatedAt: string;
}

export interface CounterDoc {
  _id: string;
  n: number;
}

export interface VisitDoc {
  _id: string; // v_<cardNo>_<window>_<hospitalId>
  cardId: string;
  cardNo: string;
  userId: string;
  holderOrgPath: string[];
  hospitalId: string;
  hospitalName: string;
  clerkId: string | null;
  window: number;
  at: string;
  month: string;
  offline: boolean;
  recordedAt: string;
}

export interface AttemptDoc {
  _id: string;
  n: number;
  /** The hour (since the epoch) the count is for: old hours are removed by the recovery timer. */
  hour: number;
}

export const cardIdOf = (cardNo: string) => `gc_${cardNo}`;

export function isUsable(card: Pick<CardDoc, 'status' | 'validUntilAt'>, now: Date): boolean {
  return card.status === 'active' && !!card.validUntilAt && Date.parse(card.validUntilAt) > now.getTime();
}

export function hospitalViewOf(h: HospitalDoc, orgNames: Map<string, string>): Omit<HospitalView, 'canEdit' | 'requestsToAnswer'> {
  return {
    id: h._id,
    name: h.name,
    address: h.address,
    desk: h.desk,
    phone: h.phone,
    hours: h.hours,
    priorities: h.priorities,
    honouredOrgIds: h.honouredOrgIds,
    honouredOrgNames: h.honouredOrgIds.map((id) => orgNames.get(id) ?? id),
    ownerOrgId: h.ownerOrgId,
    ownerOrgName: orgNames.get(h.ownerOrgId) ?? '',
    pendingOrgIds: (h.honourRequests ?? []).map((r) => r.orgId),
    pendingOrgNames: (h.honourRequests ?? []).map((r) => orgNames.get(r.orgId) ?? r.orgId),
  };
}

export function partnerOf(h: HospitalDoc): PartnerHospital {
  return { id: h._id, name: h.name, address: h.address, desk: h.desk, phone: h.phone, hours: h.hours, priorities: h.priorities };
}

/** What the holder and staff both see of a card. */
function cardSummaryOf(card: CardDoc, now: Date) {
  return {
    cardId: card._id,
    cardNo: card.cardNo,
    status: card.status,
    usable: isUsable(card, now),
    statusReason: card.statusReason,
    idMasked: card.holderIdMasked,
    honourTitle: card.honourTitle,
    issuerOrgName: card.issuerOrgName,
    validUntil: card.validUntil,
    appliedAt: card.appliedAt,
  };
}

export function holderCardOf(card: CardDoc, user: UserDoc, now: Date): HolderCard {
  return {
    ...cardSummaryOf(card, now),
    name: user.name,
    nameMasked: maskName(user.name),
    idRevealed: `${user.idRegion}**${user.birthYear}****${user.idLast4}`,
    birthYear: user.birthYear,
    issuerOrgId: card.issuerOrgId,
    validFrom: card.validFrom,
  };
}

export function staffRowOf(card: CardDoc, now: Date, actions: CardEvent[]): StaffCardRow {
  return { ...cardSummaryOf(card, now), nameMasked: card.holderNameMasked, actions };
}
