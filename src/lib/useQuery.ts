/**
 * Loading data for a page: `useQuery('trips', 'detail', { tripId })`.
 *
 * - Loads on mount and again each time the page is shown (a component inside a gate mounts after the page's first
 *   onShow, so the mount load covers a fresh open; a show right after a load started is skipped).
 * - `status` is the state of the latest request; `data` is the latest answer and stays while reloading (and when
 *   a reload fails), so a page never blanks on return. Answers to older requests are ignored.
 * - Render it with <QueryView query={…}>{(data) => …}</QueryView> (components/QueryView.tsx), which shows data,
 *   then an error (by code: retry, 去登记, 返回 …), then loading — in that order.
 */
import { useDidShow } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { call, type ActionInput, type ActionOutput, type CallError, type CallResult } from '../services/cloud';
import type { ActionName, FunctionName } from '../../types/registry';

export type QueryState<T> =
  | { status: 'loading'; data: T | undefined; error: undefined }
  | { status: 'ready'; data: T; error: undefined }
  | { status: 'error'; data: T | undefined; error: CallError };

export type Query<T> = QueryState<T> & {
  /** Loads again; resolves when the answer is in. */
  reload: () => Promise<void>;
};

export interface QueryOptions {
  /** false: do not load (yet); status stays 'loading'. */
  enabled?: boolean;
  /** Reload on every page show (default true). */
  onShow?: boolean;
  /** Reload silently every N ms while mounted. */
  refreshEvery?: number;
}

/** Shows within this many ms of the last load start do not load again (mount + first onShow). */
const SHOW_DEBOUNCE_MS = 1000;

/** The tracking of which answer is current, apart from React (unit-tested). */
export function createLatest() {
  let generation = 0;
  let startedAt = 0;
  return {
    begin(now = Date.now()): number {
      startedAt = now;
      return ++generation;
    },
    isCurrent(ticket: number): boolean {
      return ticket === generation;
    },
    /** Invalidates every request in flight (unmount). */
    cancel(): void {
      generation++;
    },
    startedRecently(now = Date.now()): boolean {
      return startedAt > 0 && now - startedAt < SHOW_DEBOUNCE_MS;
    },
  };
}

/** Any loader: `key` names what is loaded (a change loads again); `load` is called for each request. */
export function useLoader<T>(key: string, load: () => Promise<CallResult<T>>, options: QueryOptions = {}): Query<T> {
  const { enabled = true, onShow = true, refreshEvery } = options;
  const [state, setState] = useState<QueryState<T>>({ status: 'loading', data: undefined, error: undefined });
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(createLatest());
  const mounted = useRef(false);

  const run = useCallback(async () => {
    const ticket = latest.current.begin();
    setState((s) => (s.status === 'loading' ? s : { status: 'loading', data: s.data, error: undefined }));
    const r = await loadRef.current();
    if (!latest.current.isCurrent(ticket)) return;
    setState((s) => (r.ok ? { status: 'ready', data: r.data, error: undefined } : { status: 'error', data: s.data, error: r.error }));
  }, []);

  useEffect(() => {
    mounted.current = true;
    const tracker = latest.current;
    if (enabled) void run();
    return () => {
      mounted.current = false;
      tracker.cancel();
    };
  }, [key, enabled, run]);

  useDidShow(() => {
    if (!mounted.current || !enabled || !onShow || latest.current.startedRecently()) return;
    void run();
  });

  useEffect(() => {
    if (!enabled || !refreshEvery) return undefined;
    const timer = setInterval(() => void run(), refreshEvery);
    return () => clearInterval(timer);
  }, [enabled, refreshEvery, run]);

  return { ...state, reload: run };
}

/** One action of the call service, typed from the registry. */
export function useQuery<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
  options?: QueryOptions,
): Query<ActionOutput<F, A>> {
  const key = `${fn}.${action}:${JSON.stringify(input)}`;
  const inputRef = useRef(input);
  inputRef.current = input;
  return useLoader(key, () => call(fn, action, inputRef.current), options);
}

export interface Paged<T> {
  items: T[];
  total: number;
}

export type PagedQuery<T> = Query<Paged<T>> & {
  /** Loads the next page and appends it; nothing while a request is in flight or when all are loaded. */
  loadMore: () => Promise<void>;
  hasMore: boolean;
  loadingMore: boolean;
};

/**
 * A list the function pages with `limit`/`offset`: the first page on mount and on show (replacing what was
 * loaded), further pages on `loadMore`. `pick` reads the items and the total from an answer.
 */
export function usePagedQuery<F extends FunctionName, A extends ActionName<F>, T>(
  fn: F,
  action: A,
  input: ActionInput<F, A>,
  pick: (out: ActionOutput<F, A>) => Paged<T>,
  options: QueryOptions & { pageSize?: number } = {},
): PagedQuery<T> {
  const pageSize = options.pageSize ?? 20;
  const pickRef = useRef(pick);
  pickRef.current = pick;
  const inputRef = useRef(input);
  inputRef.current = input;
  const key = `${fn}.${action}:${JSON.stringify(input)}`;
  const page = (offset: number) =>
    call(fn, action, { ...(inputRef.current as object), limit: pageSize, offset } as ActionInput<F, A>).then(
      (r): CallResult<Paged<T>> => (r.ok ? { ok: true, data: pickRef.current(r.data) } : r),
    );
  const first = useLoader(key, () => page(0), options);
  const [more, setMore] = useState<{ key: string; items: T[] }>({ key, items: [] });
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<CallError | null>(null);
  const firstData = first.data;
  // A new first page (reload, show, other filter) starts the list again.
  useEffect(() => {
    setMore({ key, items: [] });
    setMoreError(null);
  }, [firstData, key]);

  const extra = more.key === key ? more.items : [];
  const items = firstData ? [...firstData.items, ...extra] : [];
  const total = firstData?.total ?? 0;
  const hasMore = !!firstData && items.length < total;

  const loadMore = async () => {
    if (loadingMore || !hasMore) return;
    setLoadingMore(true);
    const r = await page(items.length);
    setLoadingMore(false);
    if (!r.ok) return setMoreError(r.error);
    setMoreError(null);
    setMore({ key, items: [...extra, ...r.data.items] });
  };

  const data = firstData ? { items, total } : undefined;
  const state: QueryState<Paged<T>> = moreError
    ? { status: 'error', data, error: moreError }
    : first.status === 'ready'
      ? { status: 'ready', data: { items, total }, error: undefined }
      : first.status === 'error'
        ? { status: 'error', data, error: first.error }
        : { status: 'loading', data, error: undefined };
  return { ...state, reload: first.reload, loadMore, hasMore, loadingMore };
}
