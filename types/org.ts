export const ORG_LEVELS = ['province', 'city', 'county', 'town', 'grassroots'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];
export const ORG_LEVEL_LABELS: Record<OrgLevel, string> = {
  province: '省级',
  city: '市级',
  county: '县（市、区）级',
  town: '乡镇（街道）级',
  grassroots: '基层工会',
};
