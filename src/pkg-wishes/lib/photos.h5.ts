import type { FileMime, FilePurpose } from '../../../types/files.schema';
import { call } from '../../services/cloud';
import type { PhotoResult, UploadedPhoto } from './photos';

export type { PhotoResult, UploadedPhoto } from './photos';

const MIMES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp'];

function choose(count: number): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = 'image/jpeg,image/png,image/webp';
    input.multiple = count > 1;
    input.className = 'photo-file-input';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const files = Array.from(input.files ?? []).slice(0, count);
      input.remove();
      resolve(files);
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve([]);
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** Browser: a file input; each photo gets a ticket, then its bytes are PUT to the ticket's link. */
export async function pickPhotos(purpose: FilePurpose, count: number): Promise<PhotoResult> {
  const files = await choose(count);
  const photos: UploadedPhoto[] = [];
  for (const file of files) {
    if (!MIMES.includes(file.type)) return { ok: false, message: '请选择照片（JPG、PNG 或 WEBP）' };
    const ticket = await call('files', 'startUpload', { purpose, name: file.name.slice(-80) || '照片.jpg', mime: file.type as FileMime, size: file.size });
    if (!ticket.ok) return { ok: false, message: ticket.error.message };
    if (!ticket.data.url) return { ok: false, message: '上传地址不正确，请重试' };
    let res: Response;
    try {
      res = await fetch(ticket.data.url, { method: 'PUT', body: file, headers: { 'content-type': file.type } });
    } catch {
      return { ok: false, message: '网络不稳定，照片没有上传成功，请重试' };
    }
    if (!res.ok) return { ok: false, message: res.status === 413 ? '照片太大，请压缩后再上传' : '照片没有上传成功，请换一张或重试' };
    photos.push({ fileId: ticket.data.fileId, name: file.name, preview: URL.createObjectURL(file) });
  }
  return { ok: true, photos };
}
