import Taro from '@tarojs/taro';
import type { FileMime, FilePurpose } from '../../../types/files.schema';
import { uploadPicked } from '../../lib/upload';
import type { PhotoResult, UploadedPhoto } from './photos';

export type { PhotoResult, UploadedPhoto } from './photos';

function mimeOf(path: string): FileMime | null {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'png') return 'image/png';
  if (ext === 'webp') return 'image/webp';
  return null;
}

/** WeChat: chooseMedia; each photo gets a ticket, goes to cloud storage at the ticket's path, then is confirmed. */
export async function pickPhotos(purpose: FilePurpose, count: number): Promise<PhotoResult> {
  let files: { tempFilePath: string; size: number }[];
  try {
    const res = await Taro.chooseMedia({ count, mediaType: ['image'], sizeType: ['compressed'], sourceType: ['album', 'camera'] });
    files = res.tempFiles;
  } catch {
    return { ok: true, photos: [] };
  }
  const photos: UploadedPhoto[] = [];
  for (const f of files) {
    const mime = mimeOf(f.tempFilePath);
    if (!mime) return { ok: false, message: '请选择照片（JPG、PNG 或 WEBP）' };
    const name = `照片.${mime === 'image/jpeg' ? 'jpg' : mime.slice(6)}`;
    let fileId: string;
    try {
      fileId = await uploadPicked(purpose, { name, mime, size: f.size, path: f.tempFilePath });
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
    photos.push({ fileId, name, preview: f.tempFilePath });
  }
  return { ok: true, photos };
}
