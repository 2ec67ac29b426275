/** Photos for a wish or its delivery: 添加照片 picks and uploads (the file service), each shown with 删除. */
import { Image, View } from '@tarojs/components';
import { useState } from 'react';
import type { FilePurpose } from '../../../types/files.schema';
import { a11y } from '../../lib/a11y';
import { Button } from '../../components/ui/Button';
import { pickPhotos, type UploadedPhoto } from './photos';

interface Props {
  purpose: FilePurpose;
  max: number;
  photos: UploadedPhoto[];
  onChange: (photos: UploadedPhoto[]) => void;
  error?: string;
  label: string;
}

export function PhotoPicker({ purpose, max, photos, onChange, error, label }: Props) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const add = async () => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    const r = await pickPhotos(purpose, max - photos.length);
    setBusy(false);
    if (!r.ok) return setProblem(r.message);
    if (r.photos.length > 0) onChange([...photos, ...r.photos].slice(0, max));
  };
  const message = problem ?? error;
  return (
    <View className="wish-photos">
      <View className="wish-label">{`${label}（${photos.length}/${max} 张）`}</View>
      <View className="wish-photos__list">
        {photos.map((p, i) => (
          <View key={p.fileId} className="wish-photos__item" data-file-id={p.fileId}>
            <Image className="wish-photos__img" src={p.preview} mode="aspectFill" {...a11y({ role: 'img', label: `${label}第 ${i + 1} 张` })} />
            <Button size="small" label={`删除第 ${i + 1} 张照片`} onClick={() => onChange(photos.filter((x) => x.fileId !== p.fileId))}>
              删除
            </Button>
          </View>
        ))}
      </View>
      {photos.length < max ? (
        <View className="actions">
          <Button size="large" block loading={busy} className="wish-photos__add" onClick={() => void add()}>
            {busy ? '正在上传照片…' : photos.length === 0 ? '拍照或选择照片' : '再添加一张'}
          </Button>
        </View>
      ) : null}
      {message ? <View className="field-error wish-err" {...a11y({ role: 'alert' })}>{message}</View> : null}
    </View>
  );
}
