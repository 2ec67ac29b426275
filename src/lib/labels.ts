/**
 * Plain-Chinese labels for main-package pages. The main package imports only types from types/ (the schema files
 * bring zod), so the few labels it shows are repeated here, typed by those schemas and checked equal to them by
 * labels.test.ts.
 */
import type { HonourLevel, HonourView } from '../../types/account.schema';

export const HONOUR_LEVEL_LABELS: Record<HonourLevel, string> = {
  national: '全国级',
  provincial: '省部级',
  city: '市级',
  county: '县级',
};

export const LINK_STATUS_LABELS: Record<HonourView['linkStatus'], string> = {
  none: '未关联人员',
  suggested: '待工会确认',
  confirmed: '已确认',
  rejected: '已否认',
};

export const PERSON_STATUS_LABELS: Record<'active' | 'transferred' | 'deceased', string> = {
  active: '正常',
  transferred: '已调出',
  deceased: '已去世',
};
