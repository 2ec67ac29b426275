/**
 * A period's records of a subtree, read along one plain index on a time field (ADR 0017). The embedded store serves a
 * multikey equality (the subtree) and a range on another index only by checking each row of the range against the
 * whole subtree's side table, which grows with the square of the data; so the range is read alone, in the index's own
 * order (no sort of its own), a page of 1000 at a time with only the fields counted, and the subtree checked here.
 * The cost is linear in the period's records of every union — one pass per time field and month.
 */
import type { Filter, Store } from './store/port';
import { periodOf } from './workspace';

export async function periodScan<T extends { _id: string }>(
  store: Store,
  collection: string,
  field: string,
  period: { months: string[] },
  orgId: string,
  projection: Record<string, 1>,
  extra: Filter = {},
  /** The record's path of orgs (a card's and a visit's is its holder's). */
  pathField = 'orgPath',
  /** The field holds the month itself (2026-06), not an instant. */
  monthly = false,
): Promise<T[]> {
  // Month by month: each page's sort is then over one month's records, not the whole period's.
  const months = await Promise.all(
    period.months.map((m) => {
      const p = periodOf(m, m);
      return scanRange<T>(store, collection, field, monthly ? { fromAt: m, untilAt: `${m}~` } : p, orgId, projection, extra, pathField);
    }),
  );
  return months.flat();
}

async function scanRange<T extends { _id: string }>(
  store: Store,
  collection: string,
  field: string,
  range: { fromAt: string; untilAt: string },
  orgId: string,
  projection: Record<string, 1>,
  extra: Filter,
  pathField: string,
): Promise<T[]> {
  const out: T[] = [];
  const filter: Filter = { ...extra, [field]: { $gte: range.fromAt, $lt: range.untilAt } };
  for (let skip = 0; skip < 500_000; skip += 1000) {
    const page = await store.find<T>(collection, filter, { sort: { [field]: 1 }, limit: 1000, skip, projection: { ...projection, [pathField]: 1 } });
    for (const d of page) if ((d as unknown as Record<string, string[] | undefined>)[pathField]?.includes(orgId)) out.push(d);
    if (page.length < 1000) break;
  }
  return out;
}
