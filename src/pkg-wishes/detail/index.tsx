/**
 * One wish, as the caller may see it (`viewer`): a volunteer sees the masked surname, an age band and the union; the
 * claiming volunteer also the handover contact (the union's staff, never the household); the household and its
 * union everything. The actions are the ones the view lists — claim, give back, deliver, confirm, dispute, thank,
 * withdraw, fulfil — and the answer of a claim is shown large on the page.
 */
import { Image, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { thanksText, type WishAction, type WishView } from '../../../types/wishes.schema';
import { formatDate, formatInstant, localDateOf } from '../../../types/time';
import { call, type CallResult } from '../../services/cloud';
import { useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { check } from '../../lib/form';
import { a11y } from '../../lib/a11y';
import { confirm, openPage, toast } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { FormError, TextBox } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { HANDOVER_LABELS, PAGES, WISH_CATEGORY_LABELS, statusTone, yuan } from '../lib/labels';
import '../lib/wishes.scss';

type Answer = { wish: WishView; message: string };
type ReasonAct = 'give_back' | 'dispute' | 'withdraw' | 'fulfil';

const REASON_ACTS: Record<ReasonAct, { label: string; box: string; question: string; required: boolean; done: string }> = {
  give_back: { label: '放弃认领', box: '放弃的原因（必填）', question: '确定放弃认领吗？心愿会立即回到心愿池，让其他志愿者认领。', required: true, done: '已放弃认领' },
  dispute: { label: '没有收到', box: '没有收到的情况（必填）', question: '确定告诉志愿者还没有收到吗？心愿会退回给志愿者重新送达。', required: true, done: '已退回志愿者' },
  withdraw: { label: '撤回心愿', box: '撤回的原因（必填）', question: '确定撤回这个心愿吗？撤回后志愿者就看不到了。', required: true, done: '心愿已撤回' },
  fulfil: { label: '由工会直接帮助完成', box: '说明（可不填）', question: '确定由工会直接帮助完成这个心愿吗？', required: false, done: '心愿已由工会帮助完成' },
};

function sendReason(act: ReasonAct, wishId: string, reason: string, requestId: string): Promise<CallResult<Answer>> {
  const opts = { requestId };
  if (act === 'give_back') return call('wishes', 'giveBack', { wishId, reason }, opts);
  if (act === 'dispute') return call('wishes', 'dispute', { wishId, reason }, opts);
  if (act === 'withdraw') return call('wishes', 'withdraw', { wishId, reason }, opts);
  return call('wishes', 'fulfil', { wishId, ...(reason ? { reason } : {}) }, opts);
}

/** An action with a reason box: give back, dispute, withdraw, fulfil. */
function ReasonAction({ act, wishId, onDone }: { act: ReasonAct; wishId: string; onDone: (a: Answer) => void }) {
  const spec = REASON_ACTS[act];
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const m = useMutation((input: { reason: string }, requestId: string) => sendReason(act, wishId, input.reason, requestId));
  const submit = async () => {
    const r0 = reason.trim();
    if (spec.required && r0.length < 2) return m.setFieldErrors({ reason: `请填写原因（至少 2 个字）` });
    if (!(await confirm(spec.label, spec.question, '确定', '再想想'))) return;
    const r = await m.run({ reason: r0 });
    if (r?.ok) {
      toast(spec.done);
      onDone(r.data);
    }
  };
  if (!open) {
    return (
      <Button size="large" block className={`wish-detail__${act}${act === 'fulfil' ? '' : ' button--danger'}`} onClick={() => setOpen(true)}>
        {spec.label}
      </Button>
    );
  }
  return (
    <View className={`wish-detail__reason wish-detail__reason--${act}`}>
      <TextBox label={spec.box} value={reason} onChange={(v) => { setReason(v); m.clearFieldError('reason'); }} error={m.fieldErrors.reason ?? m.fieldErrors.text} maxLength={200} />
      <FormError message={m.formError} />
      <View className="wish-card__actions">
        <Button type="primary" size="large" loading={m.busy} className={`wish-detail__${act}-submit`} onClick={() => void submit()}>{`确定${spec.label}`}</Button>
        <Button size="large" disabled={m.busy} onClick={() => setOpen(false)}>取消</Button>
      </View>
    </View>
  );
}

/** 认领: the answer is shown large — won, someone else got it first, or the limit is reached. */
function ClaimPanel({ wish, onDone }: { wish: WishView; onDone: (a: Answer) => void }) {
  const claim = useMutation('wishes', 'claim');
  const [refused, setRefused] = useState<{ code: string; message: string } | null>(null);
  const run = async () => {
    if (!(await confirm('认领心愿', `确定认领「${wish.title}」吗？认领后请在期限内送达。`, '确定认领', '再想想'))) return;
    const r = await claim.run({ wishId: wish.id });
    if (!r) return;
    if (r.ok) return onDone(r.data);
    if (r.error.code !== 'network' && r.error.code !== 'internal') setRefused(r.error);
  };
  if (refused) {
    const limit = refused.code === 'wishes.claim_limit';
    return (
      <View className="wish-result wish-result--bad wish-detail__refused" data-code={refused.code} {...a11y({ role: 'alert' })}>
        <Heading className="wish-result__title">{limit ? '认领数已达上限' : refused.code === 'wishes.already_claimed' ? '已被其他志愿者认领' : '不能认领'}</Heading>
        <View className="wish-result__message">{refused.message}</View>
        <View className="actions">
          {limit ? (
            <Button type="primary" size="large" block onClick={() => openPage(PAGES.mine)}>去送达已认领的心愿</Button>
          ) : (
            <Button type="primary" size="large" block className="wish-detail__others" onClick={() => void Taro.redirectTo({ url: PAGES.pool })}>看看其他心愿</Button>
          )}
        </View>
      </View>
    );
  }
  return (
    <View className="actions">
      <FormError message={claim.formError} />
      <Button type="primary" size="large" block loading={claim.busy} className="wish-detail__claim" onClick={() => void run()}>
        {claim.busy ? '正在认领…' : '我来认领'}
      </Button>
    </View>
  );
}

function ConfirmButton({ wish, onDone }: { wish: WishView; onDone: (a: Answer) => void }) {
  const m = useMutation('wishes', 'confirm');
  const run = async () => {
    if (!(await confirm('确认收到', `确认已经收到「${wish.title}」吗？确认后心愿完成，志愿者获得积分。`, '确认收到', '再想想'))) return;
    const r = await m.run({ wishId: wish.id });
    if (r?.ok) onDone(r.data);
  };
  return (
    <>
      <FormError message={m.formError} />
      <Button type="primary" size="large" block loading={m.busy} className="wish-detail__confirm" onClick={() => void run()}>确认收到</Button>
    </>
  );
}

function ThankBox({ wish, onDone }: { wish: WishView; onDone: (a: Answer) => void }) {
  const m = useMutation('wishes', 'thank');
  const [text, setText] = useState('');
  const submit = async () => {
    const checked = check(thanksText, text);
    if (!checked.ok) return m.setFieldErrors({ text: Object.values(checked.errors)[0] ?? '请写几句感谢的话' });
    const r = await m.run({ wishId: wish.id, text: checked.data });
    if (r?.ok) {
      toast('感谢的话已送达志愿者');
      onDone(r.data);
    }
  };
  return (
    <View className="wish-card wish-detail__thank">
      <Heading level={3} className="wish-card__title">给志愿者留一句感谢的话</Heading>
      <TextBox label="感谢的话（2 至 100 个字，会展示在心愿墙上）" value={text} onChange={(v) => { setText(v); m.clearFieldError('text'); }} error={m.fieldErrors.text} maxLength={100} placeholder="例如：谢谢您送来的洗衣机，老人用着很方便！" />
      <FormError message={m.formError} />
      <Button type="primary" size="large" block loading={m.busy} className="wish-detail__thank-submit" onClick={() => void submit()}>送上感谢</Button>
    </View>
  );
}

function Photos({ photos, label }: { photos: WishView['photos']; label: string }) {
  if (photos.length === 0) return null;
  return (
    <View className="wish-photos__list wish-detail__photos">
      {photos.map((p, i) => (
        <Image key={p.id} className="wish-photos__img" src={p.url} mode="aspectFill" {...a11y({ role: 'img', label: `${label}第 ${i + 1} 张` })} />
      ))}
    </View>
  );
}

function WishBody({ wish, onChanged, message }: { wish: WishView; onChanged: (a: Answer) => void; message: string | null }) {
  const has = (a: WishAction) => wish.actions.includes(a);
  const today = localDateOf(new Date());
  const overdue = wish.claim && localDateOf(wish.claim.dueAt) < today;
  return (
    <View data-status={wish.status} data-viewer={wish.viewer} className="wish-detail__body">
      {message ? (
        <View className="wish-result wish-detail__result" {...a11y({ role: 'status', live: 'polite' })}>
          <Heading className="wish-result__title">{wish.statusText}</Heading>
          <View className="wish-result__message">{message}</View>
        </View>
      ) : null}
      <View className="wish-card">
        <Heading className="wish-card__title">{wish.title}</Heading>
        <View className="wish-tags">
          <View className="wish-tag">{WISH_CATEGORY_LABELS[wish.category]}</View>
          {wish.releases > 0 ? <View className="wish-tag">{`曾超期释放 ${wish.releases} 次`}</View> : null}
        </View>
        <View className={`wish-status wish-status--${statusTone(wish.status)} wish-detail__status`}>{wish.statusText}</View>
        <View className="wish-card__value">{yuan(wish.valueYuan)}</View>
        <View className="wish-card__line">{`希望在 ${formatDate(wish.neededBy)} 前实现`}</View>
        <View className="wish-card__line">{wish.description}</View>
        <View className="wish-card__line">{`${wish.householdName ?? wish.surnameMasked} · ${wish.ageBand} · ${wish.unionName}`}</View>
        <View className="wish-card__line">{`送达方式：${HANDOVER_LABELS[wish.handover]}`}</View>
        <View className="wish-card__line">{`心愿池：${wish.poolName}`}</View>
        <Photos photos={wish.photos} label="心愿照片" />
      </View>

      {wish.lastReason && (wish.status === 'returned' || wish.status === 'rejected' || wish.status === 'claimed' || wish.status === 'withdrawn') ? (
        <View className="wish-notice wish-detail__reason-shown">{`${wish.status === 'claimed' ? '退回说明' : '原因'}：${wish.lastReason}`}</View>
      ) : null}

      {wish.claimable.reason ? <View className="wish-notice wish-detail__not-claimable">{wish.claimable.reason}</View> : null}
      {has('claim') ? <ClaimPanel wish={wish} onDone={onChanged} /> : null}

      {wish.claim && wish.status === 'claimed' ? (
        <View className={`wish-notice${overdue ? '' : ' wish-notice--ok'} wish-detail__claim-info`}>
          {wish.claim.mine
            ? `您在 ${formatInstant(wish.claim.claimedAt)} 认领，请在 ${formatInstant(wish.claim.dueAt)} 前送达，超过期限心愿会自动回到心愿池。`
            : `${wish.claim.volunteerName} 已认领，应在 ${formatInstant(wish.claim.dueAt)} 前送达。`}
        </View>
      ) : null}

      {wish.contact ? (
        <View className="wish-card wish-detail__contact">
          <Heading level={3} className="wish-card__title">交接联系人（基层工会）</Heading>
          <View className="wish-card__line">{wish.contact.orgName}</View>
          {wish.contact.people.length === 0 ? <View className="wish-card__line">请联系所在工会</View> : null}
          {wish.contact.people.map((p) => (
            <View key={`${p.name}${p.phone}`} className="wish-card__line">{`${p.name}　${p.phone}`}</View>
          ))}
        </View>
      ) : null}

      {wish.delivery ? (
        <View className="wish-card wish-detail__delivery">
          <Heading level={3} className="wish-card__title">送达情况</Heading>
          <View className="wish-card__line">{`送达时间：${formatInstant(wish.delivery.at)}`}</View>
          {wish.delivery.note ? <View className="wish-card__line">{wish.delivery.note}</View> : null}
          <Photos photos={wish.delivery.photos} label="送达照片" />
        </View>
      ) : null}

      {wish.status === 'completed' ? (
        <View className="wish-notice wish-notice--ok wish-detail__completed">
          {wish.fulfilledBy === 'union' ? '这个心愿已由工会帮助完成。' : `心愿已完成${wish.points !== null ? `，志愿者获得 ${wish.points} 志愿积分` : ''}。`}
        </View>
      ) : null}
      {wish.thanks ? <View className="wish-card"><View className="wish-thanks wish-detail__thanks">{`感谢的话：${wish.thanks}`}</View></View> : null}

      <View className="actions">
        {has('deliver') ? (
          <Button type="primary" size="large" block className="wish-detail__deliver" onClick={() => openPage(PAGES.deliver(wish.id))}>送达心愿（上传送达照片）</Button>
        ) : null}
        {has('confirm') ? <ConfirmButton wish={wish} onDone={onChanged} /> : null}
        {has('dispute') ? <ReasonAction act="dispute" wishId={wish.id} onDone={onChanged} /> : null}
        {has('resubmit') ? (
          <Button type="primary" size="large" block className="wish-detail__resubmit" onClick={() => openPage(PAGES.resubmit(wish.id))}>修改后重新提交</Button>
        ) : null}
        {has('approve') ? (
          <Button type="primary" size="large" block className="wish-detail__vet" onClick={() => openPage(PAGES.staff)}>去审核</Button>
        ) : null}
        {has('fulfil') ? <ReasonAction act="fulfil" wishId={wish.id} onDone={onChanged} /> : null}
        {has('give_back') ? <ReasonAction act="give_back" wishId={wish.id} onDone={onChanged} /> : null}
        {has('withdraw') ? <ReasonAction act="withdraw" wishId={wish.id} onDone={onChanged} /> : null}
      </View>
      {has('thank') ? <ThankBox wish={wish} onDone={onChanged} /> : null}

      {wish.history.length > 0 ? (
        <View className="wish-card">
          <Heading level={3} className="wish-card__title">办理记录</Heading>
          <View className="wish-history">
            {wish.history.map((h, i) => (
              <View key={`${h.at}-${i}`} className="wish-history__item">{`${formatInstant(h.at)}　${h.text}`}</View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}

export default function WishDetailPage() {
  const { params } = useRouter();
  const detail = useQuery('wishes', 'wish', { wishId: params.wishId ?? '' });
  // An action's answer carries the wish as it is now; a later reload (the page shown again) replaces it.
  const [answer, setAnswer] = useState<{ a: Answer; base: unknown } | null>(null);
  return (
    <Page className="wish-detail">
      <QueryView query={detail}>
        {(w) => {
          const current = answer && answer.base === w ? answer.a : null;
          return <WishBody wish={current?.wish ?? w} message={current?.message ?? null} onChanged={(a) => setAnswer({ a, base: w })} />;
        }}
      </QueryView>
    </Page>
  );
}
