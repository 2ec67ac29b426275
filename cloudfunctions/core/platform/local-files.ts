/**
 * Files for local runs: bytes in DATA_DIR/files/<id>, uploaded with a PUT to the local server's
 * `/api/files/<id>?t=<token>` and read through `/api/files/<id>?e=<expires>&s=<signature>` links that expire.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type FileDoc, type FileStorage, signLink } from '../files';

export const FILE_LINK_SECRET = 'SECRET_SHARED_FILE_LINK_KEY';

export function localFileStorage(options: { dir: string; linkKey: string; now: () => Date }): FileStorage {
  return {
    kind: 'local',
    uploadTarget: (file) => ({ url: `/api/files/${file._id}?t=${file.uploadToken}`, cloudPath: null }),
    stat: async (file) => {
      try {
        return { size: fs.statSync(path.join(options.dir, file._id)).size };
      } catch {
        return null;
      }
    },
    link: async (file: FileDoc, ttlSeconds: number) => {
      const expires = options.now().getTime() + ttlSeconds * 1000;
      return `/api/files/${file._id}?e=${expires}&s=${signLink(options.linkKey, file._id, expires)}`;
    },
  };
}

/** An in-memory stand-in for tests: every uploaded file "exists" with its declared size. */
export function memoryFileStorage(now: () => Date): FileStorage {
  return {
    kind: 'local',
    uploadTarget: (file) => ({ url: `/api/files/${file._id}?t=${file.uploadToken}`, cloudPath: null }),
    stat: async (file) => ({ size: file.size }),
    link: async (file, ttl) => `/api/files/${file._id}?e=${now().getTime() + ttl * 1000}&s=test`,
  };
}
