/** Plain-Chinese labels shared by pages. */
import type { HonourView } from '../../types/account.schema';

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
