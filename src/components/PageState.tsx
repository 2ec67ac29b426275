/** Loading, error and empty states with plain-Chinese wording, shared by every page. */
import { View } from '@tarojs/components';
import type { AppErrorBody } from '../../types/result';
import { Button, Empty, Loading } from './ui';

export function LoadingState({ text = '正在加载，请稍候…' }: { text?: string }) {
  return (
    <View className="page-state page-state--loading">
      <Loading type="circular">{text}</Loading>
    </View>
  );
}

export function ErrorState({ error, onRetry }: { error: AppErrorBody; onRetry?: () => void }) {
  return (
    <View className="page-state page-state--error">
      <Empty
        image={<View className="page-state__icon page-state__icon--error">!</View>}
        title="出错了"
        description={<View className="page-state__message">{error.message}</View>}
      />
      {onRetry ? (
        <Button type="primary" size="large" className="page-state__retry" onClick={onRetry}>
          重新加载
        </Button>
      ) : null}
    </View>
  );
}

export function EmptyState({ text }: { text: string }) {
  return (
    <View className="page-state page-state--empty">
      <Empty image={<View className="page-state__icon">无</View>} description={<View className="page-state__message">{text}</View>} />
    </View>
  );
}
