import { useState } from 'react';
import { View } from '@tarojs/components';
import { HONOUR_LEVEL_LABELS } from '../../../types/account.schema';
import { useMe } from '../../services/me';
import { LINK_STATUS_LABELS, PERSON_STATUS_LABELS } from '../../lib/labels';
import { Button, Cell, CellGroup } from '../../components/ui';
import { ErrorState, LoadingState } from '../../components/PageState';
import { RoleTags } from '../../components/RoleTags';
import { LINK_STATUS_TONES, StatusTag } from '../../components/StatusTag';
import { DemoSwitcher } from '../../components/DemoSwitcher';
import { ProfileForm } from './ProfileForm';
import './index.scss';

export default function MePage() {
  const state = useMe();
  const [editing, setEditing] = useState(false);
  const { me } = state;

  let body;
  if (!me && state.status === 'loading') body = <LoadingState />;
  else if (!me && state.status === 'error') body = <ErrorState error={state.error} onRetry={() => void state.refresh()} />;
  else if (me && !me.registered) body = <ProfileForm key="register" />;
  else if (me && me.profile && editing) body = <ProfileForm key="edit" me={me} onDone={() => setEditing(false)} />;
  else if (me && me.profile) {
    const p = me.profile;
    body = (
      <View>
        <View className="me__card">
          <View className="me-name">{p.name}</View>
          <RoleTags roles={me.roles} />
        </View>
        <CellGroup>
          <Cell title="手机号" extra={p.phone} />
          <Cell title="身份证号" extra={p.idMasked} />
          <Cell title="所属工会" extra={p.org ? p.org.name : '未选择'} className="me-org" />
          {p.status !== 'active' ? <Cell title="状态" extra={PERSON_STATUS_LABELS[p.status]} /> : null}
          {me.staffScope ? <Cell title="工作范围" extra={me.staffScope.orgName} /> : null}
          {me.hospital ? <Cell title="所在医院" extra={me.hospital.name} /> : null}
        </CellGroup>
        <View className="actions">
          <Button size="large" block onClick={() => setEditing(true)}>
            修改资料
          </Button>
        </View>
        <View className="section-title">我的荣誉</View>
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
                extra={
                  <StatusTag tone={LINK_STATUS_TONES[h.linkStatus]}>{LINK_STATUS_LABELS[h.linkStatus]}</StatusTag>
                }
              />
            ))}
          </CellGroup>
        )}
      </View>
    );
  }

  return (
    <View className="page me">
      {state.status === 'error' && me ? <View className="form-error">{state.error.message}</View> : null}
      {body}
      {process.env.TARO_ENV === 'h5' ? <DemoSwitcher onSwitched={() => setEditing(false)} /> : null}
    </View>
  );
}
