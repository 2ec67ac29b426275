import { View } from '@tarojs/components';
import { hasRole, useMe } from '../../services/me';
import { openPage, openTab } from '../../lib/nav';
import { Button } from '../../components/ui';
import './index.scss';

interface Tile {
  key: string;
  title: string;
  note: string;
  url: string;
}

const SERVICES: Tile[] = [
  { key: 'greencard', title: '医疗绿通', note: '就医优先服务卡', url: '/pkg-greencard/card/index' },
  { key: 'trips', title: '疗休养', note: '线路与报名', url: '/pkg-trips/list/index' },
  { key: 'hardship', title: '困难帮扶', note: '申请与进度', url: '/pkg-hardship/index/index' },
  { key: 'wishes', title: '微心愿', note: '认领与送达', url: '/pkg-wishes/index/index' },
];

const STAFF_TILE: Tile = { key: 'staff', title: '工会工作台', note: '人员与荣誉管理', url: '/pkg-staff/index/index' };
const HOSPITAL_TILE: Tile = { key: 'verify', title: '绿通核验', note: '医院窗口核验绿通卡', url: '/pkg-greencard/verify/index' };

export default function HomePage() {
  const { status, me, ...rest } = useMe();
  const tiles = [
    ...SERVICES,
    ...(hasRole(me, 'staff', 'admin') ? [STAFF_TILE] : []),
    ...(hasRole(me, 'hospital_staff') ? [HOSPITAL_TILE] : []),
  ];

  return (
    <View className="page home">
      <View className="home__greeting">
        {me?.profile ? `您好，${me.profile.name}` : '您好，欢迎使用劳模工匠之家'}
      </View>
      {status === 'error' && 'error' in rest ? (
        <View className="home__notice home__notice--error">
          <View>{rest.error.message}</View>
          <Button size="small" type="primary" fill="outline" onClick={() => void rest.refresh()}>
            重新加载
          </Button>
        </View>
      ) : null}
      {status === 'ready' && me && !me.registered ? (
        <View className="home__notice">
          <View>使用各项服务前，请先完成实名登记。</View>
          <Button size="small" type="primary" onClick={() => openTab('/pages/me/index')}>
            去登记
          </Button>
        </View>
      ) : null}
      <View className="home__tiles">
        {tiles.map((t) => (
          <View key={t.key} className={`home__tile home__tile--${t.key}`} hoverClass="home__tile--pressed" onClick={() => openPage(t.url)}>
            <View className="home__tile-title">{t.title}</View>
            <View className="home__tile-note">{t.note}</View>
          </View>
        ))}
      </View>
    </View>
  );
}
