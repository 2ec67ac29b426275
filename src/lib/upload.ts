/**
 * The app side of the file service (types/files.schema.ts), once for every page that uploads: ask `files.startUpload`
 * for a ticket by purpose, send the bytes, and return the file id for the action that attaches it. H5: PUT to the
 * local server's signed `/api/files/<id>?t=…` link. WeChat: `Taro.cloud.uploadFile` to the ticket's cloud path, then
 * `files.finishUpload`. Choosing the file is the page's own (a case document, delivery photos).
 */
import Taro from '@tarojs/taro';
import type { FileMime, FilePurpose } from '../../types/files.schema';
import { call } from '../services/cloud';

export interface PickedFile {
  name: string;
  mime: FileMime;
  size: number;
  /** H5: the browser file; weapp: a temporary path. */
  blob?: Blob;
  path?: string;
}

/** Uploads one picked file; resolves to its file id, rejects with a plain-Chinese Error. */
export async function uploadPicked(purpose: FilePurpose, picked: PickedFile): Promise<string> {
  const ticket = await call('files', 'startUpload', { purpose, name: picked.name, mime: picked.mime, size: picked.size });
  if (!ticket.ok) throw new Error(ticket.error.message);
  const t = ticket.data;
  if (process.env.TARO_ENV === 'h5') {
    if (!t.url || !picked.blob) throw new Error('上传地址不正确，请重试');
    let res: Response;
    try {
      res = await fetch(t.url, { method: 'PUT', headers: { 'content-type': picked.mime }, body: picked.blob });
    } catch {
      throw new Error('网络不稳定，没有上传成功，请检查网络后重试');
    }
    if (!res.ok) throw new Error(res.status === 413 ? '文件太大，请压缩后再上传' : '没有上传成功，请换一个文件或重试');
    return t.fileId;
  }
  if (!t.cloudPath || !picked.path) throw new Error('上传地址不正确，请重试');
  let cloudFileId: string;
  try {
    cloudFileId = (await Taro.cloud.uploadFile({ cloudPath: t.cloudPath, filePath: picked.path })).fileID;
  } catch {
    throw new Error('网络不稳定，没有上传成功，请检查网络后重试');
  }
  const done = await call('files', 'finishUpload', { fileId: t.fileId, cloudFileId });
  if (!done.ok) throw new Error(done.error.message);
  return t.fileId;
}
