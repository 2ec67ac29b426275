/** 困难帮扶 for the worker: the self-test, a new application or the draft, my cases and the household archive, 公示. */
import { View } from '@tarojs/components';
import { CATEGORY_LABELS } from '../../../types/hardship.schema';
import { formatDate } from '../../../types/time';
import { useQuery } from '../../lib/useQuery';
import { openPage } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { Heading } from '../../components/Heading';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { hasRole, useMe } from '../../services/me';
import { CaseCard } from '../lib/CaseParts';
import { PAGES } from '../lib/labels';
import '../lib/hardship.scss';

export default function HardshipHomePage() {
  const mine = useQuery('hardship', 'myCases', {});
  const me = useMe();
  const staff = !!me.me && hasRole(me.me, 'staff', 'admin');
  return (
    <Page className="hs-home">
      <View className="hint">家庭遇到困难，可以先做自测，再向所在工会提出帮扶申请。工会会入户核实，逐级审核后公示和发放。</View>
      <View className="hs-actions hs-form">
        <Button type="primary" size="large" block className="hs-home__selftest" onClick={() => openPage(PAGES.selftest)}>
          困难自测（不提交申请）
        </Button>
        <Button size="large" block className="hs-home__notices" onClick={() => openPage(PAGES.notices)}>
          查看帮扶公示
        </Button>
        {staff ? (
          <Button size="large" block className="hs-home__staff" onClick={() => openPage(PAGES.staff)}>
            工会工作台：帮扶审核
          </Button>
        ) : null}
      </View>
      <QueryView query={mine}>
        {({ cases, household }) => {
          const draft = cases.find((c) => c.status === 'draft');
          return (
            <View>
              {household ? (
                <View className="hs-notice hs-notice--ok">{`您家已纳入困难职工档案（${CATEGORY_LABELS[household.category]}），下次复核：${formatDate(household.recheckDueOn)}`}</View>
              ) : null}
              <View className="hs-actions hs-form">
                <Button type={draft ? 'primary' : 'default'} size="large" block className="hs-home__apply" onClick={() => openPage(PAGES.apply(draft?.id))}>
                  {draft ? '继续填写草稿' : '提出帮扶申请'}
                </Button>
              </View>
              <Heading>我的申请</Heading>
              {cases.length === 0 ? <EmptyState text="您还没有提交过帮扶申请" /> : null}
              {cases.map((c) => (
                <CaseCard key={c.id} c={c} url={c.status === 'draft' ? PAGES.apply(c.id) : PAGES.detail(c.id)} />
              ))}
            </View>
          );
        }}
      </QueryView>
    </Page>
  );
}
