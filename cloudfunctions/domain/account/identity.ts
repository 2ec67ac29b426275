/** What is kept of an ID number: a keyed hash for matching, the last four digits and region for display. */
import { createHmac } from 'node:crypto';
import { maskIdNumber, maskName, maskPhone } from '../../../types/mask';

export interface IdentityFields {
  idHash: string;
  idLast4: string;
  idRegion: string;
  birthYear: number;
}

export function hashIdNumber(key: string, idNumber: string): string {
  return createHmac('sha256', key).update(idNumber.trim().toUpperCase()).digest('hex');
}

export function identityFields(key: string, idNumber: string): IdentityFields {
  const id = idNumber.trim().toUpperCase();
  return {
    idHash: hashIdNumber(key, id),
    idLast4: id.slice(-4),
    idRegion: id.slice(0, 4),
    birthYear: Number(id.slice(6, 10)),
  };
}

export function maskedIdOf(p: { idLast4: string; idRegion?: string }): string {
  return maskIdNumber(p.idLast4, p.idRegion ?? '****');
}

export { maskName, maskPhone };
