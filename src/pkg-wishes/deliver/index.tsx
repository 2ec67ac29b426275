/**
 * 送达心愿: the claiming volunteer adds at least one photo of the handover (the file service) and a short note; the
 * union or the household then confirms receipt. The answer is shown large on the page.
 */
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { formatInstant } from '../../../types/time';
import { useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { a11y } from '../../lib/a11y';
import { Button } from '../../components/ui/Button';
import { FormError, TextBox } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { PAGES } from '../lib/labels';
import { PhotoPicker } from '../lib/PhotoPicker';
import type { UploadedPhoto } from '../lib/photos';
import '../lib/wishes.scss';

export default function DeliverPage() {
  const { params } = useRouter();
  const wishId = params.wishId ?? '';
  const detail = useQuery('wishes', 'wish', { wishId }, { onShow: false });
  const deliver = useMutation('wishes', 'deliver');
  const [photos, setPhotos] = useState<UploadedPhoto[]>([]);
  const [note, setNote] = useState('');
  const [done, setDone] = useState<string | null>(null);

  const submit = async () => {
    if (photos.length === 0) return deliver.setFieldErrors({ photoIds: '请上传至少一张送达照片' });
    const r = await deliver.run({ wishId, photoIds: photos.map((p) => p.fileId), ...(note.trim() ? { note: note.trim() } : {}) });
    if (r?.ok) setDone(r.data.message);
  };

  if (done) {
    return (
      <Page className="wish-deliver">
        <View className="wish-result wish-deliver__result" {...a11y({ role: 'status', live: 'polite' })}>
          <Heading className="wish-result__title">已送达，等待确认</Heading>
          <View className="wish-result__message">{done}</View>
          <View className="actions">
            <Button type="primary" size="large" block className="wish-deliver__done" onClick={() => void Taro.redirectTo({ url: PAGES.mine })}>查看我的认领</Button>
          </View>
        </View>
      </Page>
    );
  }

  return (
    <Page className="wish-deliver">
      <QueryView query={detail}>
        {(w) => (
          <View className="wish-card">
            <Heading className="wish-card__title">{w.title}</Heading>
            <View className="wish-card__line">{`${w.surnameMasked} · ${w.unionName}`}</View>
            {w.claim ? <View className="wish-card__line">{`请在 ${formatInstant(w.claim.dueAt)} 前送达`}</View> : null}
            {w.status !== 'claimed' ? <View className="wish-notice">{`这个心愿现在是「${w.statusText}」，不能再标记送达`}</View> : null}
          </View>
        )}
      </QueryView>
      <View className="hint">请拍一张交接时的照片（例如物品送到工会或家中的照片），不要拍到家庭成员的证件和住址门牌。</View>
      <PhotoPicker purpose="delivery_photo" max={6} photos={photos} onChange={(p) => { setPhotos(p); deliver.clearFieldError('photoIds'); }} error={deliver.fieldErrors.photoIds} label="送达照片" />
      <TextBox label="送达说明（可不填）" className="wish-deliver__note" value={note} onChange={(v) => { setNote(v); deliver.clearFieldError('note'); }} error={deliver.fieldErrors.note} maxLength={100} placeholder="例如：已送到基层工会，由吴主席转交" />
      <FormError message={deliver.formError} />
      <View className="actions">
        <Button type="primary" size="large" block loading={deliver.busy} className="wish-deliver__submit" onClick={() => void submit()}>
          {deliver.busy ? '正在提交…' : '确认已送达'}
        </Button>
      </View>
    </Page>
  );
}
