/**
 * Files in production: CloudBase cloud storage. The mini-program uploads with `Taro.cloud.uploadFile` to the path
 * given here; the function then checks the file exists, and hands out temporary URLs (`getTempFileURL` with a
 * maxAge) to people entitled to the record.
 */
import type Tcb from '@cloudbase/node-sdk';
import { cloudbaseSdk } from './cloudbase-sdk';
import type { FileStorage } from '../files';

interface TempUrlAnswer {
  fileList?: { fileID?: string; tempFileURL?: string; code?: string }[];
}

export function cloudbaseFileStorage(): FileStorage {
  let app: ReturnType<typeof Tcb.init> | null = null;
  const cloud = () => (app ??= cloudbaseSdk().init({ env: cloudbaseSdk().SYMBOL_CURRENT_ENV }));
  const tempUrl = async (fileID: string, maxAge: number): Promise<string | null> => {
    const r = (await cloud().getTempFileURL({ fileList: [{ fileID, maxAge }] })) as TempUrlAnswer;
    const item = r.fileList?.[0];
    return item && item.code === 'SUCCESS' && item.tempFileURL ? item.tempFileURL : null;
  };
  return {
    kind: 'cloud',
    uploadTarget: (file) => ({ url: null, cloudPath: `uploads/${file.purpose}/${file._id}` }),
    stat: async (file, cloudFileId) => (cloudFileId && (await tempUrl(cloudFileId, 60)) ? { size: file.size } : null),
    link: async (file, ttl) => (file.ref ? (await tempUrl(file.ref, ttl)) ?? '' : ''),
  };
}
