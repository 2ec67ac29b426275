/**
 * The honour registry and its links to registered people. A person is linked to honour records with the
 * same ID hash and name ("suggested"); staff confirm the link, which makes the person a model worker.
 */
import { createHash } from 'node:crypto';
import type { HonourLevel, HonourView } from '../../../types/account.schema';
import { audit } from '../../core/audit';
import type { UserDoc } from '../../core/users';
import type { HandlerContext } from '../../core/wrapper';
import { identityFields, maskName, maskedIdOf } from './identity';

export type LinkStatus = 'none' | 'suggested' | 'confirmed' | 'rejected';

export interface HonourDoc {
  _id: string;
  name: string;
  idHash: string;
  idLast4: string;
  idRegion: string;
  birthYear: number;
  title: string;
  level: HonourLevel;
  year: number;
  awardingBody: string;
  /** The registering union (staff's org) and its ancestors. */
  orgId: string;
  orgPath: string[];
  linkedUserId: string | null;
  linkStatus: LinkStatus;
  linkReason?: string;
  /** Who added or imported the record (null for the seeded registry): they cannot also confirm its link. */
  createdBy: string | null;
  /** Who confirmed the link (maker–checker: never the one who added it). */
  confirmedBy?: string | null;
  /** The import batch that added it, if any. */
  importId?: string;
  createdAt: string;
  updatedAt: string;
}

export interface HonourRecordInput {
  name: string;
  idNumber: string;
  title: string;
  level: HonourLevel;
  year: number;
  awardingBody: string;
}

/** The same person, title and year always give the same record id, so re-imports are idempotent. */
export function honourId(idHash: string, title: string, year: number): string {
  return 'h_' + createHash('sha256').update(`${idHash}\u0000${title}\u0000${year}`).digest('hex').slice(0, 24);
}

export function honourDocOf(key: string, input: HonourRecordInput, org: { _id: string; path: string[] }, at: string, createdBy: string | null = null): HonourDoc {
  const ids = identityFields(key, input.idNumber);
  return {
    _id: honourId(ids.idHash, input.title, input.year),
    name: input.name,
    ...ids,
    title: input.title,
    level: input.level,
    year: input.year,
    awardingBody: input.awardingBody,
    orgId: org._id,
    orgPath: org.path,
    linkedUserId: null,
    linkStatus: 'none',
    createdBy,
    createdAt: at,
    updatedAt: at,
  };
}

export function honourViewOf(h: HonourDoc): HonourView {
  return { id: h._id, title: h.title, level: h.level, year: h.year, awardingBody: h.awardingBody, linkStatus: h.linkStatus };
}

export function registryHonourOf(h: HonourDoc) {
  return {
    ...honourViewOf(h),
    nameMasked: maskName(h.name),
    idMasked: maskedIdOf(h),
    orgId: h.orgId,
    linkedUserId: h.linkedUserId,
  };
}

/** Marks unlinked honour records of this person (same ID hash and name) as suggested links. */
export async function suggestHonourLinks(ctx: HandlerContext, user: UserDoc): Promise<number> {
  const candidates = await ctx.store.find<HonourDoc>('honours', { idHash: user.idHash, linkStatus: 'none' }, { limit: 100 });
  let linked = 0;
  for (const h of candidates) {
    if (h.name !== user.name) continue;
    const res = await ctx.store.update(
      'honours',
      { _id: h._id, linkStatus: 'none' },
      { $set: { linkedUserId: user._id, linkStatus: 'suggested', updatedAt: ctx.now.toISOString() } },
    );
    if (res.matched === 1) {
      linked++;
      await audit(ctx, { targetType: 'honour', targetId: h._id, summary: `自动匹配登记人员，待工作人员确认`, changes: { linkedUserId: user._id } });
    }
  }
  return linked;
}

/** When staff register an honour, link it to an already registered person with the same ID hash and name. */
export async function suggestLinkForHonour(ctx: HandlerContext, h: HonourDoc): Promise<HonourDoc> {
  if (h.linkStatus !== 'none') return h;
  const [user] = await ctx.store.find<UserDoc>('users', { idHash: h.idHash }, { limit: 1 });
  if (!user || user.name !== h.name) return h;
  const res = await ctx.store.update(
    'honours',
    { _id: h._id, linkStatus: 'none' },
    { $set: { linkedUserId: user._id, linkStatus: 'suggested', updatedAt: ctx.now.toISOString() } },
  );
  return res.matched === 1 ? { ...h, linkedUserId: user._id, linkStatus: 'suggested' } : h;
}
