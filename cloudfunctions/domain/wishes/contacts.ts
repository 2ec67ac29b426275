/**
 * The handover contact of a wish: staff of the household's own union (the nearest union above it that has staff),
 * told of claims and deliveries and shown to the claiming volunteer — never the household's own phone or address.
 */
import type { Store } from '../../core/store/port';
import type { UserDoc } from '../../core/users';

/** Up to `max` staff of the nearest union on the path that has any (grassroots first, then upwards). */
export async function unionStaffOf(store: Store, orgPath: readonly string[], max = 2): Promise<string[]> {
  const staff = await store.find<UserDoc>('users', { staffOrgId: { $in: [...orgPath] }, roles: 'staff', status: 'active' }, { limit: 50, projection: { staffOrgId: 1 } });
  for (let i = orgPath.length - 1; i >= 0; i--) {
    const here = staff.filter((u) => u.staffOrgId === orgPath[i]).map((u) => u._id).sort();
    if (here.length > 0) return here.slice(0, max);
  }
  return [];
}

export async function contactsOf(store: Store, ids: readonly string[]): Promise<{ name: string; phone: string }[]> {
  if (ids.length === 0) return [];
  const users = await store.find<UserDoc>('users', { _id: { $in: [...ids] } }, { limit: 10, projection: { name: 1, phone: 1 } });
  return users.map((u) => ({ name: u.name, phone: u.phone }));
}
