/**
 * The green card's lifecycle, declared once: the functions move cards only through it and the staff pages render a
 * card's actions from it. A card is managed by staff inside its issuing org's subtree who also cover its holder's
 * union, at county level or above (cards are issued by county unions and above); suspending, rejecting and revoking
 * record the deciding org, and only that org or one above it reinstates. Nobody acts on their own card.
 */
import { defineWorkflow, type EventOf } from './workflow';

const MANAGER = { staff: { within: 'issuerOrgId', covers: ['holderOrgPath'], minLevel: 'county' } } as const;
const LIFTER = { staff: { within: 'issuerOrgId', covers: ['holderOrgPath'], minLevel: 'county', lifts: true } } as const;

export const cardWorkflow = defineWorkflow({
  name: 'greencard',
  subject: 'userId',
  initial: ['pending', 'active'],
  historyLimit: 20,
  states: {
    pending: { label: '审核中', tone: 'warning', maxHours: 7 * 24 },
    active: { label: '有效', tone: 'success' },
    suspended: { label: '已暂停', tone: 'warning' },
    revoked: { label: '已注销', tone: 'danger', terminal: true },
    rejected: { label: '未通过', tone: 'muted', terminal: true },
  },
  events: {
    approve: { label: '批准', from: ['pending'], to: 'active', who: [MANAGER] },
    reject: { label: '不批准', from: ['pending'], to: 'rejected', who: [MANAGER], reason: 'required', decides: true, danger: true },
    renew: { label: '续期', from: ['active'], to: 'active', who: [MANAGER] },
    suspend: { label: '暂停', from: ['active'], to: 'suspended', who: [MANAGER], reason: 'required', decides: true, danger: true },
    reinstate: { label: '恢复', from: ['suspended'], to: 'active', who: [LIFTER], reason: 'optional' },
    revoke: { label: '注销', from: ['active', 'suspended'], to: 'revoked', who: [MANAGER], reason: 'required', decides: true, danger: true },
  },
});

export type CardEvent = EventOf<typeof cardWorkflow>;
export const CARD_EVENTS = Object.keys(cardWorkflow.events) as CardEvent[];
