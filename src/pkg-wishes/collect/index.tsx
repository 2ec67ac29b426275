/**
 * 登记心愿: for an archived hardship household — by its union's staff (often on a home visit; they pick the
 * household) or by the archived worker themself. The same schema as the function (wishForm) checks the form here,
 * phone numbers, ID numbers and addresses in the text included. With `wishId` it edits a returned wish and
 * submits it again.
 */
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { wishForm, type Handover, type WishCategory, type WishView } from '../../../types/wishes.schema';
import { localDateFrom } from '../../../types/time';
import { hasRole, useMe } from '../../services/me';
import { useQuery } from '../../lib/useQuery';
import { useFields, useMutation } from '../../lib/useMutation';
import { check } from '../../lib/form';
import { a11y } from '../../lib/a11y';
import { openPage } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Choice } from '../../components/Choice';
import { Field, FormError, TextBox } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { HANDOVERS, HANDOVER_LABELS, PAGES, WISH_CATEGORIES, WISH_CATEGORY_LABELS } from '../lib/labels';
import { PhotoPicker } from '../lib/PhotoPicker';
import type { UploadedPhoto } from '../lib/photos';
import '../lib/wishes.scss';

const CATEGORY_OPTIONS = WISH_CATEGORIES.map((c) => ({ value: c, label: WISH_CATEGORY_LABELS[c] }));
const HANDOVER_OPTIONS = HANDOVERS.map((h) => ({ value: h, label: HANDOVER_LABELS[h] }));

interface Values {
  [key: string]: unknown;
  title: string;
  category: WishCategory | '';
  description: string;
  valueYuan: string;
  neededBy: string;
  handover: Handover | '';
}

const EMPTY: Values = { title: '', category: '', description: '', valueYuan: '', neededBy: localDateFrom(Date.now(), 30), handover: '' };

function Result({ wish, message }: { wish: WishView; message: string }) {
  return (
    <View className="wish-result wish-collect__result" data-wish-id={wish.id} {...a11y({ role: 'status', live: 'polite' })}>
      <Heading className="wish-result__title">{wish.statusText}</Heading>
      <View className="wish-result__message">{message}</View>
      <View className="wish-result__message">{`「${wish.title}」· ${wish.householdName ?? wish.surnameMasked}`}</View>
      <View className="actions">
        <Button type="primary" size="large" block className="wish-collect__open" onClick={() => void Taro.redirectTo({ url: PAGES.detail(wish.id) })}>查看这个心愿</Button>
        <Button size="large" block onClick={() => void Taro.redirectTo({ url: PAGES.collect() })}>再登记一个</Button>
      </View>
    </View>
  );
}

/** Staff: the archived households of their area, to pick one. */
function HouseholdPick({ value, onPick, error }: { value: string; onPick: (id: string) => void; error?: string }) {
  const list = useQuery('wishes', 'households', { limit: 100 });
  return (
    <QueryView query={list}>
      {(d) =>
        d.items.length === 0 ? (
          <EmptyState text="本辖区还没有已建档的困难职工家庭。心愿只能为已建档的家庭登记。" />
        ) : (
          <View>
            <View className="wish-label">为哪一户家庭登记</View>
            <Choice
              name="household"
              label="为哪一户家庭登记"
              options={d.items.map((h) => ({ value: h.id, label: `${h.name}（${h.unionName}，今年还可登记 ${Math.max(0, h.allowance.max - h.allowance.used)} 个）` }))}
              selected={value ? [value] : []}
              onToggle={onPick}
            />
            {error ? <View className="field-error wish-err">{error}</View> : null}
          </View>
        )
      }
    </QueryView>
  );
}

export default function CollectPage() {
  const { params } = useRouter();
  const wishId = params.resubmit ?? '';
  const { me } = useMe();
  const staff = hasRole(me, 'staff', 'admin');
  const [householdId, setHouseholdId] = useState(params.householdId ?? '');
  const existing = useQuery('wishes', 'wish', { wishId }, { enabled: !!wishId, onShow: false });
  const mine = useQuery('wishes', 'mine', {}, { enabled: !wishId && !!me && !staff, onShow: false });
  const collect = useMutation('wishes', 'collect', { issuePrefix: 'form' });
  const resubmit = useMutation('wishes', 'resubmit', { issuePrefix: 'form' });
  const send = wishId ? resubmit : collect;
  const form = useFields<Values>(EMPTY, send);
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [done, setDone] = useState<{ wish: WishView; message: string } | null>(null);
  const v = form.values;

  const w = existing.data;
  useEffect(() => {
    if (!w) return;
    form.setValues({ title: w.title, category: w.category, description: w.description, valueYuan: String(w.valueYuan), neededBy: w.neededBy, handover: w.handover });
    // The photos already on the wish stay unless removed.
    setPhotos(w.photos.map((p) => ({ fileId: p.id, name: p.name, preview: p.url })));
  }, [w]);

  const submit = async () => {
    if (!wishId && staff && !householdId) return send.setFieldErrors({ householdId: '请选择为哪一户家庭登记' });
    const values = { ...v, valueYuan: v.valueYuan.trim() === '' ? undefined : Number(v.valueYuan), category: v.category || undefined, handover: v.handover || undefined, photoIds: photos.map((p) => p.fileId) };
    const checked = check(wishForm, values);
    if (!checked.ok) return send.setFieldErrors(checked.errors);
    const r = wishId
      ? await resubmit.run({ wishId, form: checked.data })
      : await collect.run({ ...(staff && householdId ? { householdId } : {}), form: checked.data });
    if (r?.ok) setDone(r.data);
  };

  if (done) {
    return (
      <Page className="wish-collect">
        <Result wish={done.wish} message={done.message} />
      </Page>
    );
  }

  const self = mine.data?.household;
  if (!wishId && !staff && mine.data && !self) {
    return (
      <Page className="wish-collect">
        <View className="wish-notice wish-collect__not-archived">心愿只能为已建档的困难职工家庭登记。如家里有困难，请先向所在工会申请困难帮扶建档。</View>
        <View className="actions">
          <Button size="large" block onClick={() => openPage(PAGES.wall)}>看看心愿墙</Button>
        </View>
      </Page>
    );
  }
  return (
    <Page className="wish-collect">
      {wishId ? (
        <QueryView query={existing}>
          {(x) => (x.lastReason ? <View className="wish-notice wish-collect__returned">{`退回修改的原因：${x.lastReason}`}</View> : <View />)}
        </QueryView>
      ) : staff ? (
        <HouseholdPick value={householdId} onPick={(id) => { setHouseholdId(id); send.clearFieldError('householdId'); }} error={send.fieldErrors.householdId} />
      ) : self ? (
        <View className="hint">{`为本户（${self.surnameMasked}）登记心愿，${self.allowance.year} 年还可登记 ${Math.max(0, self.allowance.max - self.allowance.used)} 个`}</View>
      ) : null}

      <View className="hint">心愿会给志愿者看到：请不要写手机号、身份证号、住址或病历等个人信息。</View>
      <Field label="心愿名称（例如：一台洗衣机）" {...form.field('title')} maxLength={20} />
      <View className="wish-label">心愿类别</View>
      <Choice name="category" label="心愿类别" options={CATEGORY_OPTIONS} selected={v.category ? [v.category] : []} onToggle={(c) => form.set('category', c)} />
      {send.fieldErrors.category ? <View className="field-error wish-err">{send.fieldErrors.category}</View> : null}
      <TextBox label="心愿说明（为什么需要，尺寸型号等）" className="wish-collect__description" value={v.description} onChange={(t) => form.set('description', t)} error={send.fieldErrors.description} maxLength={300} />
      <Field label="估计价值（元）" type="number" {...form.field('valueYuan')} maxLength={6} />
      <Field label="希望实现的日期（年-月-日）" {...form.field('neededBy')} maxLength={10} />
      <View className="wish-label">送达方式</View>
      <Choice name="handover" label="送达方式" options={HANDOVER_OPTIONS} selected={v.handover ? [v.handover] : []} onToggle={(h) => form.set('handover', h)} />
      {send.fieldErrors.handover ? <View className="field-error wish-err">{send.fieldErrors.handover}</View> : null}
      <PhotoPicker purpose="wish_photo" max={3} photos={photos} onChange={setPhotos} error={send.fieldErrors.photoIds} label="心愿照片（可不传）" />
      <FormError message={send.formError} />
      <View className="actions">
        <Button type="primary" size="large" block loading={send.busy} className="wish-collect__submit" onClick={() => void submit()}>
          {send.busy ? '正在提交…' : wishId ? '重新提交审核' : '提交审核'}
        </Button>
        {!wishId && !staff ? <Button size="large" block onClick={() => openPage(PAGES.mine)}>查看我家的心愿</Button> : null}
      </View>
    </Page>
  );
}
