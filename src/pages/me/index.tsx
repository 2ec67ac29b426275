import { View } from '@tarojs/components';
import { useMe } from '../../services/me';
import { setElderMode, useElderMode } from '../../services/elder-mode';
import { HONOUR_LEVEL_LABELS, LINK_STATUS_LABELS, PERSON_STATUS_LABELS } from '../../lib/labels';
import { openPage, PAGES } from '../../lib/nav';
import { a11y } from '../../lib/a11y';
import { Button } from '../../components/ui/Button';
import { Cell, CellGroup } from '../../components/ui/Cell';
import { ErrorNotice, ErrorState, LoadingState } from '../../components/PageState';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { RoleTags } from '../../components/RoleTags';
import { LINK_STATUS_TONES, StatusTag } from '../../components/StatusTag';
import { Tappable } from '../../components/Tappable';
import { DemoSwitcher } from '../../components/DemoSwitcher';
import { NOTICES_PAGE, useNoticeBadge } from '../../services/notice-badge';
import './index.scss';

/** 长辈模式 on this device: larger text, and a home page with only the person's own services. */
function ElderSwitch() {
  const on = useElderMode();
  return (
    <View className="me__elder">
      <Tappable role="checkbox" checked={on} className={`me-elder${on ? ' me-elder--on' : ''}`} onPress={() => setElderMode(!on)}>
        <View className="me-elder__text">
          <View className="me-elder__title">长辈模式</View>
          <View className="me-elder__note">字更大，首页只显示您自己的服务</View>
        </View>
        <View className="me-elder__switch" {...a11y({ hidden: true })}>
          {on ? '已开启' : '已关闭'}
        </View>
      </Tappable>
    </View>
  );
}

export default function MePage() {
  const state = useMe();
  const { me } = state;
  const unread = useNoticeBadge();

  let body;
  if (me && !me.registered) {
    body = (
      <View className="me__register">
        <Heading>实名登记</Heading>
        <View className="hint">使用绿通卡、疗休养等服务前，请先完成实名登记。只需姓名、手机号、身份证号和所在基层工会。</View>
        <View className="actions">
          <Button type="primary" size="large" block className="me__register-btn" onClick={() => openPage(PAGES.register)}>
            去登记
          </Button>
        </View>
      </View>
    );
  } else if (me && me.profile) {
    const p = me.profile;
    body = (
      <View>
        <View className="me__card">
          <Heading className="me-name">{p.name}</Heading>
          <RoleTags roles={me.roles} />
        </View>
        <CellGroup>
          <Tappable role="link" className="me__notices" onPress={() => openPage(NOTICES_PAGE)}>
            <Cell title="我的消息" description="报名、绿通卡、帮扶与心愿的办理结果和提醒" extra={unread ? <StatusTag tone="brand">{`${unread} 条未读`}</StatusTag> : '查看 ›'} />
          </Tappable>
        </CellGroup>
        <CellGroup>
          <Cell title="手机号" extra={p.phone} />
          <Cell title="身份证号" extra={p.idMasked} />
          <Cell title="所属工会" extra={p.org ? p.org.name : '未选择'} className="me-org" />
          {p.status !== 'active' ? <Cell title="状态" extra={PERSON_STATUS_LABELS[p.status]} /> : null}
          {me.staffScope ? <Cell title="工作范围" extra={me.staffScope.orgName} /> : null}
          {me.hospital ? <Cell title="所在医院" extra={me.hospital.name} /> : null}
        </CellGroup>
        <View className="actions">
          <Button size="large" block className="me__edit" onClick={() => openPage(PAGES.profile)}>
            修改资料
          </Button>
        </View>
        <Heading>我的荣誉</Heading>
        {me.honours.length === 0 ? (
          <View className="hint">暂无登记的荣誉。如您获得过劳模、工匠等荣誉，请联系所在工会登记。</View>
        ) : (
          <CellGroup>
            {me.honours.map((h) => (
              <Cell
                key={h.id}
                className="me-honour"
                title={h.title}
                description={`${HONOUR_LEVEL_LABELS[h.level]} · ${h.year} 年 · ${h.awardingBody}`}
                extra={<StatusTag tone={LINK_STATUS_TONES[h.linkStatus]}>{LINK_STATUS_LABELS[h.linkStatus]}</StatusTag>}
              />
            ))}
          </CellGroup>
        )}
      </View>
    );
  } else if (state.status === 'error') {
    body = <ErrorState error={state.error} onRetry={() => void state.refresh()} />;
  } else {
    body = <LoadingState />;
  }

  return (
    <Page className="me">
      {state.status === 'error' && me ? <ErrorNotice error={state.error} onRetry={() => void state.refresh()} /> : null}
      {body}
      <Heading>显示设置</Heading>
      <ElderSwitch />
      {process.env.TARO_ENV === 'h5' ? <DemoSwitcher /> : null}
    </Page>
  );
}
