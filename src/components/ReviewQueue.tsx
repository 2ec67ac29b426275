/**
 * A queue of items to decide on — sign-ups to review, card applications, and next hardship cases and wishes to
 * vet. Each item shows a summary and its details and offers approve / return / reject-style actions; an action can
 * require a reason (checked before anything is sent) and ask for confirmation. Each item is busy on its own, a
 * second tap while busy does nothing, and one requestId covers an attempt (lib/useMutation.ts).
 *
 *   <ReviewQueue items={d.items} itemKey={(i) => i.signupId} summary={…} details={…}
 *     actions={[{ key: 'approve', label: '通过', tone: 'primary', run: (i, _r, opts) => call(…, opts), done: '已通过' }]}
 *     emptyText="没有待审核的报名" onDone={() => void queue.reload()} />
 */
import { View } from '@tarojs/components';
import { useState, type ReactNode } from 'react';
import type { CallResult } from '../services/cloud';
import { useMutation } from '../lib/useMutation';
import { confirm, toast } from '../lib/nav';
import { a11y } from '../lib/a11y';
import { Button } from './ui/Button';
import { Field, FormError } from './Field';
import { EmptyState } from './PageState';

export interface ReviewAction<T> {
  key: string;
  label: string;
  /** primary: the expected decision; danger: one that takes something away. */
  tone?: 'primary' | 'danger' | 'default';
  /** 'required': the action is refused until a reason of 2–200 characters is given. */
  reason?: 'required' | 'optional';
  /** A question to confirm first (for actions that are hard to undo). */
  confirm?: (item: T) => string;
  /** The toast after success. */
  done: string;
  run: (item: T, reason: string | undefined, options: { requestId: string }) => Promise<CallResult<unknown>>;
}

interface Props<T> {
  items: readonly T[];
  itemKey: (item: T) => string;
  summary: (item: T) => ReactNode;
  details?: (item: T) => ReactNode;
  /** The actions of an item (some depend on its state; none: the item is only shown). */
  actions: readonly ReviewAction<T>[] | ((item: T) => readonly ReviewAction<T>[]);
  emptyText: string;
  /** The reason field's label. */
  reasonLabel?: string;
  /** After an action succeeded: reload the queue or replace the item. */
  onDone?: (item: T, action: string, data: unknown) => void;
  /** Extra class and data attributes per item (test hooks, e.g. `data-card`). */
  itemClassName?: string;
  itemData?: (item: T) => Record<`data-${string}`, string>;
}

const REASON_MIN = 2;
const REASON_MAX = 200;

function reasonProblem(action: ReviewAction<unknown>, reason: string): string | null {
  const r = reason.trim();
  if (action.reason === 'required' && r.length < REASON_MIN) return `请填写${action.label}的原因（至少 ${REASON_MIN} 个字）`;
  if (r.length > REASON_MAX) return `原因不能超过 ${REASON_MAX} 个字`;
  return null;
}

function Item<T>({ item, props }: { item: T; props: Props<T> }) {
  const actions = typeof props.actions === 'function' ? props.actions(item) : props.actions;
  const [reason, setReason] = useState('');
  const decide = useMutation((input: { action: string; reason: string | undefined }, requestId: string) => {
    const action = actions.find((a) => a.key === input.action);
    if (!action) return Promise.resolve({ ok: false, error: { code: 'validation', message: '没有这个操作' } } as const);
    return action.run(item, input.reason, { requestId });
  });
  const needsReason = actions.some((a) => a.reason);

  const act = async (action: ReviewAction<T>) => {
    if (decide.busy) return;
    const problem = reasonProblem(action as ReviewAction<unknown>, reason);
    if (problem) return decide.setFieldErrors({ reason: problem });
    if (action.confirm && !(await confirm(action.label, action.confirm(item)))) return;
    const why = reason.trim() || undefined;
    const r = await decide.run({ action: action.key, reason: action.reason ? why : undefined });
    if (!r || !r.ok) return;
    setReason('');
    toast(action.done);
    props.onDone?.(item, action.key, r.data);
  };

  return (
    <View className={`review-queue__item ${props.itemClassName ?? ''}`} {...(props.itemData?.(item) ?? {})} {...a11y({ role: 'listitem' })}>
      <View className="review-queue__summary">{props.summary(item)}</View>
      {props.details ? <View className="review-queue__details">{props.details(item)}</View> : null}
      {actions.length > 0 ? (
        <View className="review-queue__decide">
          {needsReason ? (
            <Field
              label={props.reasonLabel ?? '原因（退回、不通过时必填）'}
              name="reason"
              value={reason}
              onChange={(v) => {
                setReason(v);
                decide.clearFieldError('reason');
              }}
              error={decide.fieldErrors.reason}
              maxLength={REASON_MAX}
            />
          ) : null}
          <FormError message={decide.formError} />
          <View className="review-queue__actions">
            {actions.map((a) => (
              <Button
                key={a.key}
                size="large"
                type={a.tone === 'primary' ? 'primary' : 'default'}
                className={`review-queue__act review-queue__act--${a.key}${a.tone === 'danger' ? ' button--danger' : ''}`}
                loading={decide.busy}
                onClick={() => void act(a)}
              >
                {a.label}
              </Button>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}

export function ReviewQueue<T>(props: Props<T>) {
  if (props.items.length === 0) return <EmptyState text={props.emptyText} />;
  return (
    <View className="review-queue" {...a11y({ role: 'list' })}>
      {props.items.map((item) => (
        <Item key={props.itemKey(item)} item={item} props={props} />
      ))}
    </View>
  );
}
