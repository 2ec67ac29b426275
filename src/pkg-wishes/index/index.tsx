/**
 * 微心愿: the way in for everyone — volunteers to the pool and their claims (with what is due next), a household to
 * its wishes, union staff to collecting and vetting, and everyone to the public wall.
 */
import { View } from '@tarojs/components';
import { formatDate, localDateOf } from '../../../types/time';
import { hasRole, useMe } from '../../services/me';
import { useQuery } from '../../lib/useQuery';
import { openPage } from '../../lib/nav';
import { Cell, CellGroup } from '../../components/ui/Cell';
import { Heading } from '../../components/Heading';
import { LoadingState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { Tappable } from '../../components/Tappable';
import { PAGES } from '../lib/labels';
import '../lib/wishes.scss';

interface Entry {
  key: string;
  title: string;
  description: string;
  url: string;
}

export default function WishesHomePage() {
  const { me, status } = useMe();
  const member = !!me?.registered && hasRole(me, 'worker', 'model_worker', 'volunteer', 'staff', 'admin');
  const volunteer = hasRole(me, 'volunteer', 'model_worker');
  const staff = hasRole(me, 'staff', 'admin');
  const tile = useQuery('wishes', 'tile', {}, { enabled: member });

  if (!me && status === 'loading') {
    return (
      <Page className="wishes-home">
        <LoadingState />
      </Page>
    );
  }

  const entries: Entry[] = [];
  if (volunteer) {
    entries.push({ key: 'pool', title: '心愿池', description: '看看本地区困难职工家庭的微心愿，认领一个，在期限内送达', url: PAGES.pool });
    entries.push({ key: 'mine', title: '我的认领与积分', description: '我认领的心愿、送达期限、志愿积分和记录', url: PAGES.mine });
  } else if (member) {
    entries.push({ key: 'mine', title: '我家的心愿', description: '已建档的困难职工家庭：登记心愿，查看进度，确认收到', url: PAGES.mine });
  }
  if (staff) entries.push({ key: 'staff', title: '工会：登记与审核', description: '为建档家庭登记心愿，审核，确认收到，滞留心愿，积分排行', url: PAGES.staff });
  entries.push({ key: 'wall', title: '心愿墙', description: '各地区的心愿认领和完成情况，以及最近实现的心愿', url: PAGES.wall });

  const t = tile.data;
  const today = localDateOf(new Date());
  return (
    <Page className="wishes-home">
      <View className="hint">困难职工家庭的小小心愿——一台洗衣机、一辆自行车、一双康复鞋——由工会登记审核后发布，志愿者认领并送到家中。</View>
      {t && t.openClaims > 0 ? (
        <View className={`wish-notice wishes-home__due${t.nextDueAt && localDateOf(t.nextDueAt) <= today ? '' : ' wish-notice--ok'}`}>
          {`您有 ${t.openClaims} 个认领中的心愿${t.nextDueAt ? `，最近一个请在 ${formatDate(localDateOf(t.nextDueAt))} 前送达` : ''}`}
        </View>
      ) : null}
      {t && t.toConfirm > 0 ? <View className="wish-notice wishes-home__confirm">{`您家有 ${t.toConfirm} 个心愿已送达，请确认是否收到`}</View> : null}
      <Heading>{volunteer ? '参与微心愿' : '微心愿'}</Heading>
      <CellGroup>
        {entries.map((e) => (
          <Tappable key={e.key} role="link" className={`wishes-home__${e.key}`} onPress={() => openPage(e.url)}>
            <Cell title={e.title} description={e.description} extra="进入 ›" />
          </Tappable>
        ))}
      </CellGroup>
      {!member ? <View className="hint">想认领心愿？请先在「我的」完成实名登记，并由工会开通志愿者身份。</View> : null}
    </Page>
  );
}
