/**
 * The caller's own identity (account.me), shared by every page. Loaded once on first use and refreshed on demand:
 * after registering or editing the profile, after switching the demo user, or when a page asks.
 */
import { useCallback, useEffect, useSyncExternalStore } from 'react';
import type { AppErrorBody } from '../../types/result';
import type { MeOutput } from '../../types/account.schema';
import type { Role } from '../../types/roles';
import { call } from './cloud';

export type MeState =
  | { status: 'loading'; me: MeOutput | null }
  | { status: 'ready'; me: MeOutput }
  | { status: 'error'; me: MeOutput | null; error: AppErrorBody };

let state: MeState = { status: 'loading', me: null };
let started = false;
let generation = 0;
const listeners = new Set<() => void>();

function setState(next: MeState): void {
  state = next;
  listeners.forEach((l) => l());
}

/** Reloads account.me; concurrent refreshes resolve to the latest answer only. */
export async function refreshMe(): Promise<MeState> {
  started = true;
  const mine = ++generation;
  setState({ status: 'loading', me: state.me });
  const result = await call('account', 'me', {});
  if (mine !== generation) return state;
  setState(result.ok ? { status: 'ready', me: result.data } : { status: 'error', me: state.me, error: result.error });
  return state;
}

/** Sets account.me from an answer that already carries it (register, updateProfile). */
export function setMe(me: MeOutput): void {
  generation++;
  started = true;
  setState({ status: 'ready', me });
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function hasRole(me: MeOutput | null, ...roles: Role[]): boolean {
  return !!me && me.roles.some((r) => roles.includes(r));
}

export function useMe(): MeState & { refresh: () => Promise<MeState> } {
  const current = useSyncExternalStore(subscribe, () => state, () => state);
  useEffect(() => {
    if (!started) void refreshMe();
  }, []);
  const refresh = useCallback(() => refreshMe(), []);
  return { ...current, refresh };
}
