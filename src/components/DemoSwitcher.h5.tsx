/**
 * H5 only: choose which demo user the local server sees (`X-Demo-OpenId`). The list comes from
 * `GET /api/demo-users`; when it cannot be read, an openid can be typed in.
 * Test hooks: `.demo-switcher`, each option `.demo-switcher__option[data-openid]`, `.demo-switcher__current`.
 */
import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import { refreshMe } from '../services/me';
import { fetchDemoUsers, getDemoOpenId, setDemoOpenId, type DemoUser } from '../services/demo-identity';
import { Button } from './ui/Button';
import { Field } from './Field';
import './DemoSwitcher.scss';

export function DemoSwitcher({ onSwitched }: { onSwitched?: () => void }) {
  const [users, setUsers] = useState<DemoUser[] | null | 'loading'>('loading');
  const [current, setCurrent] = useState(getDemoOpenId());
  const [typed, setTyped] = useState('');

  useEffect(() => {
    void fetchDemoUsers().then(setUsers);
  }, []);

  const switchTo = (openId: string) => {
    setDemoOpenId(openId);
    setCurrent(openId);
    void refreshMe();
    onSwitched?.();
  };

  const currentUser = Array.isArray(users) ? users.find((u) => u.openid === current) : undefined;

  return (
    <View className="demo-switcher">
      <View className="demo-switcher__title">演示身份切换（仅本地演示版）</View>
      <View className="demo-switcher__current" data-openid={current}>
        {current ? `当前：${currentUser ? currentUser.label : current}` : '当前：未登录（匿名访客）'}
      </View>
      {users === 'loading' ? <View className="hint">正在读取演示用户…</View> : null}
      {Array.isArray(users) ? (
        <View className="demo-switcher__list">
          {users.map((u) => (
            <Button
              key={u.openid}
              className={`demo-switcher__option${u.openid === current ? ' demo-switcher__option--active' : ''}`}
              data-openid={u.openid}
              type={u.openid === current ? 'primary' : 'default'}
              block
              onClick={() => switchTo(u.openid)}
            >
              {u.label || u.name || u.openid}
            </Button>
          ))}
          <Button className="demo-switcher__option" data-openid="" fill="outline" block onClick={() => switchTo('')}>
            匿名访客（不登录）
          </Button>
        </View>
      ) : null}
      {users === null ? (
        <View className="demo-switcher__manual">
          <View className="hint">无法读取演示用户列表，请直接输入 openid：</View>
          <Field label="演示用户的 openid" name="demoOpenId" value={typed} placeholder="例如 demo-worker" onChange={setTyped} />
          <Button type="primary" block onClick={() => switchTo(typed.trim())}>
            使用这个身份
          </Button>
        </View>
      ) : null}
    </View>
  );
}
