/**
 * Renders a query (lib/useQuery.ts): its data when there is any (with a notice when a reload failed), else the
 * error with what the person can do about it, else the loading state — in that order, so a failed load never
 * spins forever.
 */
import type { ReactNode } from 'react';
import type { Query } from '../lib/useQuery';
import { ErrorNotice, ErrorState, LoadingState } from './PageState';

export function QueryView<T>({ query, loadingText, children }: { query: Query<T>; loadingText?: string; children: (data: T) => ReactNode }) {
  if (query.data !== undefined) {
    return (
      <>
        {query.status === 'error' ? <ErrorNotice error={query.error} onRetry={() => void query.reload()} /> : null}
        {children(query.data)}
      </>
    );
  }
  if (query.status === 'error') return <ErrorState error={query.error} onRetry={() => void query.reload()} />;
  return <LoadingState text={loadingText} />;
}
