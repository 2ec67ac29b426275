/**
 * The app side of the file service (types/files.schema.ts): pick a photo or PDF, ask `files.startUpload` for a
 * ticket by purpose, send the bytes, and return the file id for the action that attaches it. H5: PUT to the local
 * server's signed `/api/files/<id>?t=…` link. WeChat: `Taro.cloud.uploadFile` to the ticket's cloud path, then
 * `files.finishUpload`.
 */
import Taro from '@tarojs/taro';
import { FILE_RULES, type FileMime, type FilePurpose } from '../../../types/files.schema';
import { call } from '../../services/cloud';

export interface Uploaded {
  fileId: string;
  name: string;
}

interface Picked {
  name: string;
  mime: FileMime;
  size: number;
  /** H5: the browser file; weapp: a temporary path. */
  blob?: Blob;
  path?: string;
}

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
  const ticket = await call('files', 'startUpload', { purpose, name: picked.name, mime: picked.mime, size: picked.size });
  if (!ticket.ok) throw new Error(ticket.error.message);
  const t = ticket.data;
  if (process.env.TARO_ENV === 'h5') {
    if (!t.url || !picked.blob) throw new Error('上传失败，请重试');
    let ok = false;
    try {
      const res = await fetch(t.url, { method: 'PUT', headers: { 'content-type': picked.mime }, body: picked.blob });
      ok = res.ok;
    } catch {
      ok = false;
    }
    if (!ok) throw new Error('上传失败，请检查网络后重试');
    return { fileId: t.fileId, name: picked.name };
  }
  if (!t.cloudPath || !picked.path) throw new Error('上传失败，请重试');
  let cloudFileId: string;
  try {
    const up = await Taro.cloud.uploadFile({ cloudPath: t.cloudPath, filePath: picked.path });
    cloudFileId = up.fileID;
  } catch {
    throw new Error('上传失败，请检查网络后重试');
  }
  const done = await call('files', 'finishUpload', { fileId: t.fileId, cloudFileId });
  if (!done.ok) throw new Error(done.error.message);
  return { fileId: t.fileId, name: picked.name };
}
