/** The 加载更多 button under a paged list (usePagedQuery): shown only while there is more to load. */
import { View } from '@tarojs/components';
import { Button } from './ui/Button';

export function LoadMore({ query }: { query: { hasMore: boolean; loadingMore: boolean; loadMore: () => Promise<void> } }) {
  if (!query.hasMore) return null;
  return (
    <View className="actions">
      <Button block loading={query.loadingMore} onClick={() => void query.loadMore()}>
        加载更多
      </Button>
    </View>
  );
}
