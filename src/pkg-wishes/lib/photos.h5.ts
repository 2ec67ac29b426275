import type { FileMime, FilePurpose } from '../../../types/files.schema';
import { uploadPicked } from '../../lib/upload';
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
    let fileId: string;
    try {
      fileId = await uploadPicked(purpose, { name: file.name.slice(-80) || '照片.jpg', mime: file.type as FileMime, size: file.size, blob: file });
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
    photos.push({ fileId, name: file.name, preview: URL.createObjectURL(file) });
  }
  return { ok: true, photos };
}
