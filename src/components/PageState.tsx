/**
 * Loading, error and empty states in plain Chinese, shared by every page. An error offers what the person can
 * do about it, by its code (lib/error-kinds.ts): 重新加载 only for real failures, 去登记 when not registered,
 * 返回 when there is nothing to retry.
 */
import { View } from '@tarojs/components';
import type { CallError } from '../services/cloud';
import { a11y } from '../lib/a11y';
import { errorKind, errorTitle } from '../lib/error-kinds';
import { goBack, openPage, openTab, PAGES } from '../lib/nav';
import { Button } from './ui/Button';

export function LoadingState({ text = '正在加载，请稍候…' }: { text?: string }) {
  return (
    <View className="page-state page-state--loading" {...a11y({ role: 'status', live: 'polite' })}>
      <View className="page-state__spinner" {...a11y({ hidden: true })} />
      <View className="page-state__message">{text}</View>
    </View>
  );
}

type ErrorLike = Pick<CallError, 'message'> & { code: string };

function ErrorAction({ error, onRetry }: { error: ErrorLike; onRetry?: () => void }) {
  const kind = errorKind(error.code);
  if (kind === 'retry') {
    return onRetry ? (
      <Button type="primary" size="large" className="page-state__action page-state__retry" onClick={onRetry}>
        重新加载
      </Button>
    ) : null;
  }
  if (kind === 'register') {
    return (
      <Button type="primary" size="large" className="page-state__action page-state__register" onClick={() => openPage(PAGES.register)}>
        去登记
      </Button>
    );
  }
  if (kind === 'signin') {
    return (
      <Button type="primary" size="large" className="page-state__action page-state__signin" onClick={() => openTab(PAGES.me)}>
        去「我的」登录
      </Button>
    );
  }
  return (
    <Button size="large" className="page-state__action page-state__back" onClick={goBack}>
      返回
    </Button>
  );
}

export function ErrorState({ error, onRetry, title }: { error: ErrorLike; onRetry?: () => void; title?: string }) {
  const kind = errorKind(error.code);
  return (
    <View className={`page-state page-state--error page-state--${kind}`} data-error-code={error.code} {...a11y({ role: 'alert' })}>
      <View className={`page-state__icon${kind === 'retry' ? ' page-state__icon--error' : ''}`} {...a11y({ hidden: true })}>
        {kind === 'retry' ? '!' : 'i'}
      </View>
      <View className="page-state__title">{title ?? errorTitle(error.code)}</View>
      <View className="page-state__message">{error.message}</View>
      <ErrorAction error={error} onRetry={onRetry} />
    </View>
  );
}

/** A failed reload above data that is still shown. */
export function ErrorNotice({ error, onRetry }: { error: ErrorLike; onRetry?: () => void }) {
  return (
    <View className="form-error page-state__notice" data-error-code={error.code} {...a11y({ role: 'alert' })}>
      <View>{error.message}</View>
      {errorKind(error.code) === 'retry' && onRetry ? (
        <Button size="small" className="page-state__retry" onClick={onRetry}>
          重新加载
        </Button>
      ) : null}
    </View>
  );
}

export function EmptyState({ text }: { text: string }) {
  return (
    <View className="page-state page-state--empty">
      <View className="page-state__icon" {...a11y({ hidden: true })}>
        无
      </View>
      <View className="page-state__message">{text}</View>
    </View>
  );
}
