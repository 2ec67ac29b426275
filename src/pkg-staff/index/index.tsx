import { View } from '@tarojs/components';
import { ORG_LEVEL_LABELS } from '../../../types/org';
import { StaffGate } from '../../components/StaffGate';
import { Cell, CellGroup } from '../../components/ui/Cell';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { Tappable } from '../../components/Tappable';
import { openPage } from '../../lib/nav';

/** The workbench menu: one entry per area of staff work (class `staff-home__<key>` for tests). */
const ENTRIES = [
  { key: 'todo', title: '待办', description: '各项业务待您办理的事项和数量，等得最久的在前', path: '/pkg-staff/todo/index' },
  { key: 'dashboard', title: '工作统计', description: '本辖区绿通卡、疗休养等业务的统计图表和数字，可导出 Excel', path: '/pkg-staff/dashboard/index' },
  { key: 'people', title: '人员与角色', description: '查找本辖区人员，授予或取消角色，登记调动、去世', path: '/pkg-staff/people/index' },
  { key: 'transfers', title: '调动确认', description: '确认或不同意调入本工会（或本辖区内）的人员调动申请', path: '/pkg-staff/transfers/index' },
  { key: 'honours', title: '荣誉登记册', description: '登记劳模工匠荣誉，批量导入，确认与人员的关联', path: '/pkg-staff/honours/index' },
  {
    key: 'greencard',
    title: '医疗绿通卡',
    description: '审核申领，暂停、恢复、注销、续期，一次发卡，发卡条件、合作医院和就诊统计',
    path: '/pkg-greencard/staff/index',
  },
  { key: 'trips', title: '疗休养', description: '新建与发布线路和期次，报名审核，名单、出发签到与导出，抽签', path: '/pkg-trips/manage/index' },
  { key: 'wishes', title: '微心愿', description: '为建档家庭登记心愿，审核发布，确认收到，滞留心愿，志愿者积分排行', path: '/pkg-wishes/staff/index' },
] as const;

export default function StaffHomePage() {
  return (
    <Page className="staff-home">
      <StaffGate>
        {(me) => (
          <View>
            <Heading>工作范围</Heading>
            <View className="hint">
              {me.staffScope
                ? `${me.staffScope.orgName}（${ORG_LEVEL_LABELS[me.staffScope.level]}）及其下级工会`
                : '全部工会（系统管理员）'}
            </View>
            <CellGroup>
              {ENTRIES.map((e) => (
                <Tappable key={e.key} role="link" className={`staff-home__${e.key}`} onPress={() => openPage(e.path)}>
                  <Cell title={e.title} description={e.description} extra="进入 ›" />
                </Tappable>
              ))}
            </CellGroup>
          </View>
        )}
      </StaffGate>
    </Page>
  );
}
