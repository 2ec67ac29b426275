import { useState } from 'react';
import { View } from '@tarojs/components';
import type { MeOutput } from '../../../types/account.schema';
import type { PersonRow } from '../../../types/staff.schema';
import { PERSON_STATUS_LABELS } from '../../lib/labels';
import { usePagedQuery } from '../../lib/useQuery';
import { StaffGate } from '../../components/StaffGate';
import { Field } from '../../components/Field';
import { RoleTags } from '../../components/RoleTags';
import { EmptyState } from '../../components/PageState';
import { LoadMore } from '../../components/LoadMore';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { Tappable } from '../../components/Tappable';
import { Button } from '../../components/ui/Button';
import { Cell } from '../../components/ui/Cell';
import { PersonActions } from './PersonActions';
import './index.scss';

function People({ me }: { me: MeOutput }) {
  const [name, setName] = useState('');
  const [query, setQuery] = useState('');
  const people = usePagedQuery('staff', 'searchPeople', query ? { name: query } : {}, (d) => ({ items: d.people, total: d.total }));
  const [selected, setSelected] = useState<string | null>(null);
  const [changed, setChanged] = useState<Record<string, PersonRow>>({});

  return (
    <View>
      <Field label="按姓名查找" name="name" value={name} onChange={setName} placeholder="输入姓名或姓氏，留空查看全部" />
      <View className="actions">
        <Button type="primary" block onClick={() => setQuery(name.trim())}>
          查找
        </Button>
      </View>
      <QueryView query={people}>
        {(d) =>
          d.items.length === 0 ? (
            <EmptyState text="没有找到符合条件的人员" />
          ) : (
            <View>
              <View className="hint">{`共 ${d.total} 人（姓名、手机号、身份证号已脱敏）`}</View>
              {d.items.map((row) => {
                const p = changed[row.userId] ?? row;
                const open = selected === p.userId;
                return (
                  <View key={p.userId} className={`person${open ? ' person--open' : ''}`} data-user-id={p.userId}>
                    <Tappable
                      className="person__row"
                      onPress={() => setSelected(open ? null : p.userId)}
                    >
                      <Cell
                        title={p.nameMasked}
                        description={`${p.phoneMasked} · ${p.idMasked}${p.org ? ` · ${p.org.name}` : ''}`}
                        extra={p.status === 'active' ? (open ? '收起' : '办理 ›') : PERSON_STATUS_LABELS[p.status]}
                      />
                    </Tappable>
                    <View className="person__roles">
                      <RoleTags roles={p.roles} />
                    </View>
                    {open ? <PersonActions me={me} person={p} onChanged={(r) => setChanged((c) => ({ ...c, [r.userId]: r }))} /> : null}
                  </View>
                );
              })}
              <LoadMore query={people} />
            </View>
          )
        }
      </QueryView>
    </View>
  );
}

export default function PeoplePage() {
  return (
    <Page className="staff-people">
      <StaffGate>{(me) => <People me={me} />}</StaffGate>
    </Page>
  );
}
