/**
 * Picks a union from the tree with account.listOrgs, drilling province → city → county → town → grassroots.
 * Only orgs of `selectable` levels can be chosen (grassroots by default).
 */
import { useState } from 'react';
import { View } from '@tarojs/components';
import type { OrgSummary } from '../../types/account.schema';
import { ORG_LEVEL_LABELS, type OrgLevel } from '../../types/org';
import { useQuery } from '../lib/useQuery';
import { a11y } from '../lib/a11y';
import { Button } from './ui/Button';
import { Cell, CellGroup } from './ui/Cell';
import { EmptyState } from './PageState';
import { QueryView } from './QueryView';
import { Tappable } from './Tappable';

interface Props {
  value: OrgSummary | null;
  onChange: (org: OrgSummary) => void;
  selectable?: readonly OrgLevel[];
  /** Where the drill starts (e.g. a staff member's own union, which is then selectable too); null = the top of the tree. */
  root?: OrgSummary | null;
  error?: string;
  /** The field's label, e.g. 调入工会. */
  title?: string;
}

function Level({ parentId, onTap }: { parentId: string | null; onTap: (org: OrgSummary) => void }) {
  const orgs = useQuery('account', 'listOrgs', { parentId }, { onShow: false });
  return (
    <QueryView query={orgs}>
      {(d) =>
        d.orgs.length === 0 ? (
          <EmptyState text="这一级下面没有可选的工会" />
        ) : (
          <CellGroup>
            {d.orgs.map((org) => (
              <Tappable key={org.id} className="org-picker__option" onPress={() => onTap(org)}>
                <Cell title={org.name} description={ORG_LEVEL_LABELS[org.level]} extra={org.level === 'grassroots' ? '选择' : '下一级 ›'} />
              </Tappable>
            ))}
          </CellGroup>
        )
      }
    </QueryView>
  );
}

export function OrgPicker({ value, onChange, selectable = ['grassroots'], root = null, error, title = '所属工会' }: Props) {
  const [open, setOpen] = useState(false);
  const start = root ? [root] : [];
  const [trail, setTrail] = useState<OrgSummary[]>(start);
  const parent = trail.length > 0 ? trail[trail.length - 1] : null;

  const choose = (org: OrgSummary) => {
    onChange(org);
    setOpen(false);
    setTrail(start);
  };

  const tap = (org: OrgSummary) => {
    if (org.level === 'grassroots') {
      if (selectable.includes('grassroots')) choose(org);
      return;
    }
    setTrail([...trail, org]);
  };

  return (
    <View className={`org-picker${error ? ' org-picker--invalid' : ''}`}>
      <Tappable
        className="org-picker__current"
        onPress={() => setOpen(!open)}
      >
        <Cell title={title} description={value ? value.name : '尚未选择'} extra={open ? '收起' : '选择'} />
      </Tappable>
      {error ? <View className="field-error org-picker__error">{error}</View> : null}
      {open ? (
        <View className="org-picker__panel" {...a11y({ role: 'group', label: `选择${title}` })}>
          <View className="org-picker__trail">
            {trail.length === 0 ? '请从上级工会开始逐级选择' : trail.map((o) => o.name).join(' › ')}
          </View>
          {parent && selectable.includes(parent.level) ? (
            <Button type="primary" fill="outline" block className="org-picker__this" onClick={() => choose(parent)}>
              {`选择本级：${parent.name}`}
            </Button>
          ) : null}
          <Level key={parent?.id ?? 'top'} parentId={parent ? parent.id : null} onTap={tap} />
          {trail.length > start.length ? (
            <Button fill="outline" block onClick={() => setTrail(trail.slice(0, -1))}>
              返回上一级
            </Button>
          ) : null}
        </View>
      ) : null}
    </View>
  );
}
