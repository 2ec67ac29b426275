/**
 * A case document: pick a photo or PDF (a browser file input on H5; the camera, the album or a chat's PDF on WeChat),
 * check it against its purpose's rule, and upload it through the file service (src/lib/upload.ts).
 */
import Taro from '@tarojs/taro';
import { FILE_RULES, type FileMime, type FilePurpose } from '../../../types/files.schema';
import { type PickedFile, uploadPicked } from '../../lib/upload';

export interface Uploaded {
  fileId: string;
  name: string;
}

type Picked = PickedFile;

function mimeOf(name: string, type?: string): FileMime | null {
  const t = (type ?? '').toLowerCase();
  if (t === 'image/jpeg' || t === 'image/png' || t === 'image/webp' || t === 'application/pdf') return t;
  const ext = name.toLowerCase().split('.').pop();
  if (ext === 'jpg' || ext === 'jpeg') return 'image/jpeg';
  if (ext === 'png') return 'image/png';
  if (ext === 'webp') return 'image/webp';
  if (ext === 'pdf') return 'application/pdf';
  return null;
}

function pickH5(accept: string): Promise<Picked | null> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept;
    input.className = 'hs-file-input';
    input.style.display = 'none';
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) return resolve(null);
      const mime = mimeOf(file.name, file.type);
      if (!mime) return reject(new Error('不支持这种文件，请上传照片（JPG、PNG）或 PDF'));
      resolve({ name: file.name.slice(-80), mime, size: file.size, blob: file });
    });
    input.addEventListener('cancel', () => {
      input.remove();
      resolve(null);
    });
    document.body.appendChild(input);
    input.click();
  });
}

async function pickWeapp(allowPdf: boolean): Promise<Picked | null> {
  try {
    if (allowPdf) {
      const r = await Taro.showActionSheet({ itemList: ['拍照或从相册选择', '从聊天记录选择 PDF'] });
      if (r.tapIndex === 1) {
        const m = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['pdf', 'jpg', 'jpeg', 'png'] });
        const f = m.tempFiles[0];
        const mime = f ? mimeOf(f.name) : null;
        if (!f || !mime) return null;
        return { name: f.name.slice(-80), mime, size: f.size, path: f.path };
      }
    }
    const r = await Taro.chooseMedia({ count: 1, mediaType: ['image'], sizeType: ['compressed'] });
    const f = r.tempFiles[0];
    if (!f) return null;
    const mime = mimeOf(f.tempFilePath) ?? 'image/jpeg';
    const name = `照片.${mime === 'image/png' ? 'png' : 'jpg'}`;
    return { name, mime, size: f.size, path: f.tempFilePath };
  } catch {
    return null;
  }
}

/** Picks one file and uploads it; null when the person cancelled. Rejects with a plain-Chinese Error. */
export async function pickAndUpload(purpose: FilePurpose): Promise<Uploaded | null> {
  const rule = FILE_RULES[purpose];
  const allowPdf = rule.mimes.includes('application/pdf');
  const picked = process.env.TARO_ENV === 'h5' ? await pickH5(rule.mimes.join(',')) : await pickWeapp(allowPdf);
  if (!picked) return null;
  if (!rule.mimes.includes(picked.mime)) throw new Error(allowPdf ? '不支持这种文件，请上传照片（JPG、PNG）或 PDF' : '请上传照片（JPG、PNG）');
  if (picked.size > rule.maxBytes) throw new Error(`文件太大（不能超过 ${Math.round(rule.maxBytes / 1024 / 1024)} MB），请压缩后再上传`);
  return { fileId: await uploadPicked(purpose, picked), name: picked.name };
}
