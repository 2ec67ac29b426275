/**
 * The demo organisation tree and people (all fictional). The README lists every demo openid.
 * ID numbers are generated with valid check digits from a region code, birth date and sequence.
 */
import type { HonourLevel } from '../../types/account.schema';
import { idCheckDigit } from '../../types/common';
import type { Role } from '../../types/roles';
import type { OrgDoc } from '../../cloudfunctions/core/users';

type OrgLevel = OrgDoc['level'];
export interface DemoOrg { id: string; name: string; level: OrgLevel; parentId: string | null }

export const DEMO_ORGS: DemoOrg[] = [
  { id: 'org_zj', name: '浙江省总工会', level: 'province', parentId: null },
  { id: 'org_jx', name: '嘉兴市总工会', level: 'city', parentId: 'org_zj' },
  { id: 'org_hz', name: '杭州市总工会', level: 'city', parentId: 'org_zj' },
  { id: 'org_jx_nh', name: '南湖区总工会', level: 'county', parentId: 'org_jx' },
  { id: 'org_jx_js', name: '嘉善县总工会', level: 'county', parentId: 'org_jx' },
  { id: 'org_jx_hn', name: '海宁市总工会', level: 'county', parentId: 'org_jx' },
  { id: 'org_jx_ph', name: '平湖市总工会', level: 'county', parentId: 'org_jx' },
  { id: 'org_jx_nh_xj', name: '新嘉街道总工会', level: 'town', parentId: 'org_jx_nh' },
  { id: 'org_jx_nh_dq', name: '大桥镇总工会', level: 'town', parentId: 'org_jx_nh' },
  { id: 'org_jx_js_dy', name: '大云镇总工会', level: 'town', parentId: 'org_jx_js' },
  { id: 'org_jx_js_lx', name: '罗星街道总工会', level: 'town', parentId: 'org_jx_js' },
  { id: 'org_jx_hn_hz', name: '海洲街道总工会', level: 'town', parentId: 'org_jx_hn' },
  { id: 'org_jx_ph_dh', name: '当湖街道总工会', level: 'town', parentId: 'org_jx_ph' },
  { id: 'gu_jx_hengtong', name: '嘉兴恒通精密机械有限公司工会', level: 'grassroots', parentId: 'org_jx_nh_xj' },
  { id: 'gu_jx_nanhu_textile', name: '南湖纺织科技股份有限公司工会', level: 'grassroots', parentId: 'org_jx_nh_xj' },
  { id: 'gu_jx_daqiao_park', name: '大桥镇科创园区联合工会', level: 'grassroots', parentId: 'org_jx_nh_dq' },
  { id: 'gu_js_dongyun_coop', name: '嘉善东云果蔬专业合作社工会', level: 'grassroots', parentId: 'org_jx_js_dy' },
  { id: 'gu_js_xinrui', name: '嘉善新锐电子有限公司工会', level: 'grassroots', parentId: 'org_jx_js_lx' },
  { id: 'gu_hn_warp', name: '海宁经编产业园联合工会', level: 'grassroots', parentId: 'org_jx_hn_hz' },
  { id: 'gu_ph_optics', name: '平湖光学仪器有限公司工会', level: 'grassroots', parentId: 'org_jx_ph_dh' },
  { id: 'gu_jx_hospital2', name: '嘉兴市第二医院工会', level: 'grassroots', parentId: 'org_jx_nh_xj' },
  // Staff of the federations belong to their own office unions (机关工会), directly under the federation they serve,
  // so no grassroots union below them has them in its subtree.
  { id: 'gu_zj_office', name: '浙江省总工会机关工会', level: 'grassroots', parentId: 'org_zj' },
  { id: 'gu_jx_office', name: '嘉兴市总工会机关工会', level: 'grassroots', parentId: 'org_jx' },
  { id: 'gu_js_office', name: '嘉善县总工会机关工会', level: 'grassroots', parentId: 'org_jx_js' },
];

export interface DemoHonour { title: string; level: HonourLevel; year: number; awardingBody: string; confirmed: boolean }

export interface DemoPerson {
  openid: string;
  label: string;
  name: string;
  phone: string;
  region: string;
  birth: string; // YYYYMMDD
  seq: string; // 3 digits
  orgId: string;
  roles: Role[];
  staffOrgId?: string;
  hospitalId?: string;
  honours?: DemoHonour[];
  /** Registered profile? (false: an openid that has not registered yet) */
  registered?: boolean;
}

export const DEMO_HOSPITAL_ID = 'hosp_jx2';

export const DEMO_PEOPLE: DemoPerson[] = [
  { openid: 'demo-admin', label: '系统管理员', name: '顾文涛', phone: '13900000001', region: '330102', birth: '19780312', seq: '011', orgId: 'gu_zj_office', roles: ['worker', 'admin'] },
  { openid: 'demo-staff-city', label: '嘉兴市总工会 工作人员', name: '陈雅琴', phone: '13957300101', region: '330402', birth: '19830521', seq: '022', orgId: 'gu_jx_office', roles: ['worker', 'staff'], staffOrgId: 'org_jx' },
  { openid: 'demo-staff-county', label: '嘉善县总工会 工作人员', name: '朱立新', phone: '13957300102', region: '330421', birth: '19850817', seq: '031', orgId: 'gu_js_office', roles: ['worker', 'staff'], staffOrgId: 'org_jx_js' },
  { openid: 'demo-staff-town', label: '大云镇总工会 工作人员', name: '沈佳慧', phone: '13957300103', region: '330421', birth: '19900203', seq: '042', orgId: 'gu_js_dongyun_coop', roles: ['worker', 'staff'], staffOrgId: 'org_jx_js_dy' },
  { openid: 'demo-staff-grassroots', label: '恒通机械 基层工会主席', name: '吴海峰', phone: '13957300104', region: '330402', birth: '19800909', seq: '051', orgId: 'gu_jx_hengtong', roles: ['worker', 'staff'], staffOrgId: 'gu_jx_hengtong' },
  { openid: 'demo-model-national', label: '全国劳动模范', name: '钱国强', phone: '13857300201', region: '330402', birth: '19620415', seq: '013', orgId: 'gu_jx_hengtong', roles: ['worker', 'volunteer'],
    honours: [
      { title: '全国劳动模范', level: 'national', year: 2015, awardingBody: '中华人民共和国国务院', confirmed: true },
      { title: '浙江省劳动模范', level: 'provincial', year: 2009, awardingBody: '浙江省人民政府', confirmed: true },
    ] },
  { openid: 'demo-model-medal', label: '全国五一劳动奖章', name: '许美华', phone: '13857300202', region: '330421', birth: '19680726', seq: '024', orgId: 'gu_js_dongyun_coop', roles: ['worker'],
    honours: [{ title: '全国五一劳动奖章', level: 'national', year: 2020, awardingBody: '中华全国总工会', confirmed: true }] },
  { openid: 'demo-model-provincial', label: '浙江省劳动模范', name: '柴建平', phone: '13857300203', region: '330421', birth: '19710102', seq: '035', orgId: 'gu_js_xinrui', roles: ['worker', 'volunteer'],
    honours: [{ title: '浙江省劳动模范', level: 'provincial', year: 2020, awardingBody: '浙江省人民政府', confirmed: true }] },
  { openid: 'demo-model-city', label: '嘉兴市劳动模范（浙江工匠）', name: '蒋丽娟', phone: '13857300204', region: '330481', birth: '19790618', seq: '046', orgId: 'gu_hn_warp', roles: ['worker'],
    honours: [
      { title: '嘉兴市劳动模范', level: 'city', year: 2021, awardingBody: '嘉兴市人民政府', confirmed: true },
      { title: '浙江工匠', level: 'provincial', year: 2022, awardingBody: '浙江省总工会', confirmed: false },
    ] },
  { openid: 'demo-worker', label: '职工', name: '李小红', phone: '13757300301', region: '330402', birth: '19920305', seq: '028', orgId: 'gu_jx_nanhu_textile', roles: ['worker'] },
  { openid: 'demo-worker-2', label: '职工', name: '张伟', phone: '13757300302', region: '330482', birth: '19870912', seq: '017', orgId: 'gu_ph_optics', roles: ['worker'] },
  { openid: 'demo-worker-3', label: '职工', name: '马晓东', phone: '13757300303', region: '330402', birth: '19690420', seq: '039', orgId: 'gu_jx_daqiao_park', roles: ['worker'] },
  { openid: 'demo-volunteer', label: '志愿者', name: '王志刚', phone: '13657300401', region: '330402', birth: '19750101', seq: '052', orgId: 'gu_jx_hengtong', roles: ['worker', 'volunteer'] },
  { openid: 'demo-hospital-clerk', label: '嘉兴市第二医院 劳模服务窗口', name: '周敏', phone: '13557300501', region: '330402', birth: '19910810', seq: '064', orgId: 'gu_jx_hospital2', roles: ['hospital_staff'], hospitalId: DEMO_HOSPITAL_ID },
  { openid: 'demo-staff-dongyun', label: '东云合作社 基层工会主席', name: '姚春芳', phone: '13957300105', region: '330421', birth: '19810614', seq: '066', orgId: 'gu_js_dongyun_coop', roles: ['worker', 'staff'], staffOrgId: 'gu_js_dongyun_coop' },
  { openid: 'demo-newcomer', label: '未登记的新用户', name: '', phone: '', region: '', birth: '', seq: '', orgId: '', roles: [], registered: false },
];

export function makeIdNumber(region: string, birth: string, seq: string): string {
  const body = `${region}${birth}${seq}`;
  return body + idCheckDigit(body);
}

export function demoIdNumber(p: DemoPerson): string {
  return makeIdNumber(p.region, p.birth, p.seq);
}
