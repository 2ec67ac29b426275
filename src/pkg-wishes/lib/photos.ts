/**
 * Picks photos and uploads them through the file service (files.startUpload → the bytes → the file's id). Declared
 * here for TypeScript; Taro resolves `./photos` to photos.h5.ts (a browser file input, PUT to the local server's
 * signed link) or photos.weapp.ts (chooseMedia, Taro.cloud.uploadFile, files.finishUpload) at build time.
 */
import type { FilePurpose } from '../../../types/files.schema';

export interface UploadedPhoto {
  fileId: string;
  name: string;
  /** A local address to show the photo before it is attached. */
  preview: string;
}

export type PhotoResult = { ok: true; photos: UploadedPhoto[] } | { ok: false; message: string };

/** Up to `count` photos; `{ ok: true, photos: [] }` when the person cancels. */
export declare function pickPhotos(purpose: FilePurpose, count: number): Promise<PhotoResult>;
