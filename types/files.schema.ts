/**
 * files: the one file service for attachments and photos (hardship documents, home-visit photos, wish delivery
 * photos). A person asks for an upload for a purpose; the purpose sets the allowed types and size; the bytes go to
 * cloud storage on WeChat (`Taro.cloud.uploadFile` to the path given) or to the local server's file endpoint on H5;
 * the feature that uses the file then attaches it to its record, after which only people entitled to that record
 * get links to it — short-lived ones.
 */
import { z } from 'zod';
import { defineAction } from './contract';
import { docId, text } from './common';
import { defineErrors } from './errors';
import { REGISTERED_ROLES } from './roles';

export const filesErrors = defineErrors('files', {
  bad_type: '不支持这种文件，请上传照片（JPG、PNG）或 PDF',
  too_large: '文件太大，请压缩后再上传',
  not_uploaded: '文件还没有上传完成，请重新上传',
  not_yours: '这个文件不能用在这里，请重新上传',
  expired: '链接已过期，请刷新页面后再打开',
});

export const FILE_PURPOSES = ['hardship_attachment', 'visit_photo', 'wish_photo', 'delivery_photo'] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const FILE_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const;
export type FileMime = (typeof FILE_MIMES)[number];

/** What each purpose accepts. */
export const FILE_RULES: Record<FilePurpose, { label: string; mimes: readonly FileMime[]; maxBytes: number }> = {
  hardship_attachment: { label: '申请材料', mimes: ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'], maxBytes: 10 * 1024 * 1024 },
  visit_photo: { label: '入户走访照片', mimes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 8 * 1024 * 1024 },
  wish_photo: { label: '心愿照片', mimes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 8 * 1024 * 1024 },
  delivery_photo: { label: '送达照片', mimes: ['image/jpeg', 'image/png', 'image/webp'], maxBytes: 8 * 1024 * 1024 },
};

export const MIME_EXTENSIONS: Record<FileMime, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'application/pdf': 'pdf' };

/** A file as a record shows it: its name and type, and a link that works for a few minutes. */
export const fileView = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.enum(FILE_MIMES),
  size: z.number().int(),
  url: z.string(),
  expiresAt: z.string(),
});
export type FileView = z.infer<typeof fileView>;

export const uploadTicket = z.object({
  fileId: z.string(),
  /** H5: PUT the bytes here. WeChat: upload to `cloudPath` with Taro.cloud.uploadFile, then call finishUpload. */
  kind: z.enum(['local', 'cloud']),
  url: z.string().nullable(),
  cloudPath: z.string().nullable(),
});
export type UploadTicket = z.infer<typeof uploadTicket>;

export const filesActions = {
  startUpload: defineAction({
    summary: '准备上传一个文件（照片或 PDF），按用途限制类型和大小',
    input: z
      .object({
        purpose: z.enum(FILE_PURPOSES, { error: '文件用途不正确' }),
        name: text(80, 1, '文件名'),
        mime: z.enum(FILE_MIMES, { error: filesErrors['files.bad_type'] }),
        size: z.number({ error: '文件大小应为数字' }).int().min(1, '文件是空的').max(20 * 1024 * 1024, filesErrors['files.too_large']),
      })
      .strict(),
    output: uploadTicket,
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: true,
    example: { purpose: 'hardship_attachment', name: '诊断证明.jpg', mime: 'image/jpeg', size: 120000 },
  }),
  finishUpload: defineAction({
    summary: '上传到云存储后确认文件（小程序）',
    input: z.object({ fileId: docId, cloudFileId: z.string().regex(/^cloud:\/\/[A-Za-z0-9._~:/@!$&()*+,;=%-]{1,300}$/, '云存储文件编号不正确') }).strict(),
    output: z.object({ fileId: z.string(), size: z.number().int() }),
    access: REGISTERED_ROLES,
    target: { kind: 'self' },
    mutates: true,
    example: { fileId: 'f_demo', cloudFileId: 'cloud://env.bucket/uploads/f_demo.jpg' },
  }),
} as const;
