/**
 * The file service (types/files.schema.ts): upload tickets by purpose, confirmation of what arrived, attaching a file
 * to the record that uses it, and short-lived links for the people that record's feature has found entitled. Where the
 * bytes live is the runtime's `files` port: the data directory behind the local server, or CloudBase storage.
 *
 * A file belongs to its uploader until a feature attaches it to a record (once: it cannot be moved to another
 * record); from then on the feature decides who sees it, and links expire after a few minutes.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { FILE_RULES, MIME_EXTENSIONS, type FileMime, type FilePurpose, type FileView, type UploadTicket } from '../../types/files.schema';
import type { HandlerContext, MemberContext } from './context';
import { AppError } from './errors';
import { newId } from './ids';
import type { Store } from './store/port';

export const FILES = 'files';
/** How long a link to a file works. */
export const LINK_TTL_SECONDS = 10 * 60;

export interface FileDoc {
  _id: string;
  purpose: FilePurpose;
  name: string;
  mime: FileMime;
  size: number;
  uploaderId: string;
  status: 'pending' | 'uploaded';
  /** Where the bytes are: a key under the data directory, or a CloudBase fileID. */
  ref: string | null;
  /** A one-off secret for the local upload. */
  uploadToken: string;
  attachedTo: { kind: string; id: string } | null;
  createdAt: string;
  uploadedAt: string | null;
}

/** Where the bytes live (the runtime provides one). */
export interface FileStorage {
  kind: 'local' | 'cloud';
  /** H5: the URL to PUT the bytes to; WeChat: the cloud path to upload to. */
  uploadTarget(file: FileDoc): { url: string | null; cloudPath: string | null };
  /** The stored size of an uploaded file (null when it is not there). */
  stat(file: FileDoc, cloudFileId?: string): Promise<{ size: number } | null>;
  /** A link that works for `ttlSeconds`. */
  link(file: FileDoc, ttlSeconds: number): Promise<string>;
}

function storageOf(ctx: HandlerContext): FileStorage {
  if (!ctx.runtime.files) throw new AppError('internal', '文件服务尚未配置');
  return ctx.runtime.files;
}

export async function startUpload(ctx: MemberContext, input: { purpose: FilePurpose; name: string; mime: FileMime; size: number }): Promise<UploadTicket> {
  const rule = FILE_RULES[input.purpose];
  if (!rule.mimes.includes(input.mime)) throw new AppError('files.bad_type', `${rule.label}只能上传${rule.mimes.map((m) => MIME_EXTENSIONS[m].toUpperCase()).join('、')}`);
  if (input.size > rule.maxBytes) throw new AppError('files.too_large', `${rule.label}每个不能超过 ${Math.round(rule.maxBytes / 1024 / 1024)} MB，请压缩后再上传`);
  const doc: FileDoc = {
    _id: newId('f'),
    purpose: input.purpose,
    name: input.name,
    mime: input.mime,
    size: input.size,
    uploaderId: ctx.caller.user._id,
    status: 'pending',
    ref: null,
    uploadToken: randomBytes(16).toString('hex'),
    attachedTo: null,
    createdAt: ctx.now.toISOString(),
    uploadedAt: null,
  };
  await ctx.store.insert(FILES, doc);
  const target = storageOf(ctx).uploadTarget(doc);
  return { fileId: doc._id, kind: storageOf(ctx).kind, url: target.url, cloudPath: target.cloudPath };
}

/** WeChat: the file was uploaded to cloud storage; check it is there and record where. */
export async function finishUpload(ctx: MemberContext, input: { fileId: string; cloudFileId: string }): Promise<{ fileId: string; size: number }> {
  const doc = await ctx.store.get<FileDoc>(FILES, input.fileId);
  if (!doc || doc.uploaderId !== ctx.caller.user._id) throw new AppError('files.not_yours', '没有找到这个文件，请重新上传');
  if (doc.status === 'uploaded') return { fileId: doc._id, size: doc.size };
  const stat = await storageOf(ctx).stat(doc, input.cloudFileId);
  if (!stat) throw new AppError('files.not_uploaded', '文件还没有上传完成，请重新上传');
  await ctx.store.update(FILES, { _id: doc._id, status: 'pending' }, { $set: { status: 'uploaded', ref: input.cloudFileId, uploadedAt: ctx.now.toISOString() } });
  return { fileId: doc._id, size: doc.size };
}

/** Sniffs the first bytes: a file is what its content says, not what its name says. */
export function sniffMime(bytes: Buffer): FileMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 12 && bytes.subarray(0, 4).toString('latin1') === 'RIFF' && bytes.subarray(8, 12).toString('latin1') === 'WEBP') return 'image/webp';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

/**
 * H5: the local server received the bytes for a pending file. Checks the one-off token, the size and the content's
 * real type; the caller (the server) writes the bytes only when this answers ok, then calls `markUploaded`.
 */
export async function checkLocalUpload(store: Store, fileId: string, token: string, bytes: Buffer): Promise<{ ok: true; doc: FileDoc } | { ok: false; status: number; message: string }> {
  const doc = await store.get<FileDoc>(FILES, fileId);
  if (!doc || !safeEqual(doc.uploadToken, token)) return { ok: false, status: 403, message: '上传链接无效，请重新选择文件' };
  if (doc.status === 'uploaded') return { ok: false, status: 409, message: '这个文件已经上传过了' };
  if (bytes.length > FILE_RULES[doc.purpose].maxBytes) return { ok: false, status: 413, message: '文件太大，请压缩后再上传' };
  if (sniffMime(bytes) !== doc.mime) return { ok: false, status: 415, message: '文件内容与类型不符，请上传照片（JPG、PNG）或 PDF' };
  return { ok: true, doc };
}

export async function markUploaded(store: Store, fileId: string, ref: string, size: number, at: string): Promise<void> {
  await store.update(FILES, { _id: fileId, status: 'pending' }, { $set: { status: 'uploaded', ref, size, uploadedAt: at } });
}

/**
 * Attaches uploaded files to a record. Each must be uploaded, of an allowed purpose, by the caller (or, for
 * `byStaff`, by anyone — staff attach what a home visit collected), and not yet attached elsewhere; attaching the
 * same file to the same record again is a no-op. Answers the files.
 */
export async function attachFiles(
  ctx: MemberContext,
  fileIds: readonly string[],
  owner: { kind: string; id: string },
  opts: { purposes: readonly FilePurpose[]; byStaff?: boolean },
): Promise<FileDoc[]> {
  const out: FileDoc[] = [];
  for (const id of [...new Set(fileIds)]) {
    const doc = await ctx.store.get<FileDoc>(FILES, id);
    if (!doc || (!opts.byStaff && doc.uploaderId !== ctx.caller.user._id) || !opts.purposes.includes(doc.purpose)) {
      throw new AppError('files.not_yours', '有文件不能用在这里，请重新上传', [{ path: ['fileIds'], message: '文件不能用在这里' }]);
    }
    if (doc.status !== 'uploaded') throw new AppError('files.not_uploaded', `“${doc.name}”还没有上传完成，请重新上传`, [{ path: ['fileIds'], message: '文件还没有上传完成' }]);
    if (doc.attachedTo && (doc.attachedTo.kind !== owner.kind || doc.attachedTo.id !== owner.id)) {
      throw new AppError('files.not_yours', `“${doc.name}”已用于其他记录，请重新上传`, [{ path: ['fileIds'], message: '文件已用于其他记录' }]);
    }
    if (!doc.attachedTo) {
      const res = await ctx.store.update(FILES, { _id: doc._id, attachedTo: null }, { $set: { attachedTo: owner } });
      if (res.matched !== 1) throw new AppError('files.not_yours', `“${doc.name}”已用于其他记录，请重新上传`);
    }
    out.push({ ...doc, attachedTo: owner });
  }
  return out;
}

/** Short-lived links to files of a record, for a caller the feature has found entitled to see it. */
export async function fileViews(ctx: HandlerContext, fileIds: readonly string[], owner: { kind: string; id: string }): Promise<FileView[]> {
  if (fileIds.length === 0) return [];
  const docs = await ctx.store.find<FileDoc>(FILES, { _id: { $in: [...fileIds] } }, { limit: 100 });
  const byId = new Map(docs.map((d) => [d._id, d]));
  const expiresAt = new Date(ctx.now.getTime() + LINK_TTL_SECONDS * 1000).toISOString();
  const out: FileView[] = [];
  for (const id of fileIds) {
    const doc = byId.get(id);
    if (!doc || doc.status !== 'uploaded' || doc.attachedTo?.kind !== owner.kind || doc.attachedTo.id !== owner.id) continue;
    out.push({ id: doc._id, name: doc.name, mime: doc.mime, size: doc.size, url: await storageOf(ctx).link(doc, LINK_TTL_SECONDS), expiresAt });
  }
  return out;
}

// ---- Local links: signed, expiring

export function signLink(key: string, fileId: string, expiresAtMs: number): string {
  return createHmac('sha256', key).update(`${fileId}\u0000${expiresAtMs}`).digest('base64url').slice(0, 32);
}

export function verifyLink(key: string, fileId: string, expiresAtMs: number, signature: string, nowMs: number): boolean {
  if (!Number.isFinite(expiresAtMs) || expiresAtMs < nowMs) return false;
  return safeEqual(signLink(key, fileId, expiresAtMs), signature);
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
