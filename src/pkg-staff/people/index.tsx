import { useCallback, useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import type { MeOutput } from '../../../types/account.schema';
import type { PersonRow } from '../../../types/staff.schema';
import type { AppErrorBody } from '../../../types/result';
import { call } from '../../services/cloud';
import { PERSON_STATUS_LABELS } from '../../lib/labels';
import { StaffGate } from '../../components/StaffGate';
import { Field } from '../../components/Field';
import { RoleTags } from '../../components/RoleTags';
import { EmptyState, ErrorState, LoadingState } from '../../components/PageState';
import { Button, Cell } from '../../components/ui';
import { PersonActions } from './PersonActions';
import './index.scss';

const PAGE = 20;

type Load =
  | { status: 'loading' }
  | { status: 'ready'; people: PersonRow[]; total: number; more: boolean }
  | { status: 'error'; error: AppErrorBody };

function People({ me }: { me: MeOutput }) {
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [selected, setSelected] = useState<string | null>(null);

  const fetchPage = useCallback(async (q: string, offset: number, before: PersonRow[]) => {
    if (offset === 0) setLoad({ status: 'loading' });
    const r = await call('staff', 'searchPeople', { ...(q ? { name: q } : {}), limit: PAGE, offset });
    if (!r.ok) return setLoad({ status: 'error', error: r.error });
    const people = [...before, ...r.data.people];
    setLoad({ status: 'ready', people, total: r.data.total, more: people.length < r.data.total });
  }, []);

  useEffect(() => {
    void fetchPage(query, 0, []);
  }, [query, fetchPage]);

  const replace = (row: PersonRow) => {
    if (load.status !== 'ready') return;
    setLoad({ ...load, people: load.people.map((p) => (p.userId === row.userId ? row : p)) });
  };

  return (
    <View>
      <Field label="按姓名查找" name="name" value={name} onChange={setName} placeholder="输入姓名或姓氏，留空查看全部" />
      <View className="actions">
        <Button type="primary" block onClick={() => setQuery(name.trim())}>
          查找
        </Button>
      </View>
      {load.status === 'loading' ? <LoadingState /> : null}
      {load.status === 'error' ? <ErrorState error={load.error} onRetry={() => void fetchPage(query, 0, [])} /> : null}
      {load.status === 'ready' && load.people.length === 0 ? <EmptyState text="没有找到符合条件的人员" /> : null}
      {load.status === 'ready' && load.people.length > 0 ? (
        <View>
          <View className="hint">{`共 ${load.total} 人（姓名、手机号、身份证号已脱敏）`}</View>
          {load.people.map((p) => (
            <View key={p.userId} className={`person${selected === p.userId ? ' person--open' : ''}`} data-user-id={p.userId}>
              <Cell
                className="person__row"
                title={p.nameMasked}
                description={`${p.phoneMasked} · ${p.idMasked}${p.org ? ` · ${p.org.name}` : ''}`}
                extra={p.status === 'active' ? (selected === p.userId ? '收起' : '办理 ›') : PERSON_STATUS_LABELS[p.status]}
                clickable
                onClick={() => setSelected(selected === p.userId ? null : p.userId)}
              />
              <View className="person__roles">
                <RoleTags roles={p.roles} />
              </View>
              {selected === p.userId ? <PersonActions me={me} person={p} onChanged={replace} /> : null}
            </View>
          ))}
          {load.more ? (
            <View className="actions">
              <Button block onClick={() => void fetchPage(query, load.people.length, load.people)}>
                加载更多
              </Button>
            </View>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}

export default function PeoplePage() {
  return (
    <View className="page staff-people">
      <StaffGate>{(me) => <People me={me} />}</StaffGate>
    </View>
  );
}
