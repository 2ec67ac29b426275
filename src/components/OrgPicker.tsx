/**
 * Picks a union from the tree with account.listOrgs, drilling province → city → county → town → grassroots.
 * Only orgs of `selectable` levels can be chosen (grassroots by default).
 */
import { useEffect, useState } from 'react';
import { View } from '@tarojs/components';
import type { OrgSummary } from '../../types/account.schema';
import { ORG_LEVEL_LABELS, type OrgLevel } from '../../types/org';
import type { AppErrorBody } from '../../types/result';
import { call } from '@/services/cloud';
import { Button, Cell, CellGroup } from './ui';
import { EmptyState, ErrorState, LoadingState } from './PageState';

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

type Load = { status: 'loading' } | { status: 'ready'; orgs: OrgSummary[] } | { status: 'error'; error: AppErrorBody };

export function OrgPicker({ value, onChange, selectable = ['grassroots'], root = null, error, title = '所属工会' }: Props) {
  const [open, setOpen] = useState(false);
  const start = root ? [root] : [];
  const [trail, setTrail] = useState<OrgSummary[]>(start);
  const [load, setLoad] = useState<Load>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const parent = trail.length > 0 ? trail[trail.length - 1] : null;
  const parentId = parent ? parent.id : null;

  useEffect(() => {
    if (!open) return;
    let live = true;
    setLoad({ status: 'loading' });
    void call('account', 'listOrgs', { parentId }).then((r) => {
      if (!live) return;
      setLoad(r.ok ? { status: 'ready', orgs: r.data.orgs } : { status: 'error', error: r.error });
    });
    return () => {
      live = false;
    };
  }, [open, parentId, attempt]);

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
    <View className="org-picker">
      <Cell
        title={title}
        description={value ? value.name : '尚未选择'}
        extra={open ? '收起' : '选择'}
        clickable
        onClick={() => setOpen(!open)}
        className="org-picker__current"
      />
      {error ? <View className="field-error org-picker__error">{error}</View> : null}
      {open ? (
        <View className="org-picker__panel">
          <View className="org-picker__trail">
            {trail.length === 0 ? '请从上级工会开始逐级选择' : trail.map((o) => o.name).join(' › ')}
          </View>
          {parent && selectable.includes(parent.level) ? (
            <Button type="primary" fill="outline" block className="org-picker__this" onClick={() => choose(parent)}>
              {`选择本级：${parent.name}`}
            </Button>
          ) : null}
          {load.status === 'loading' ? <LoadingState /> : null}
          {load.status === 'error' ? <ErrorState error={load.error} onRetry={() => setAttempt(attempt + 1)} /> : null}
          {load.status === 'ready' && load.orgs.length === 0 ? <EmptyState text="这一级下面没有可选的工会" /> : null}
          {load.status === 'ready' && load.orgs.length > 0 ? (
            <CellGroup>
              {load.orgs.map((org) => (
                <Cell
                  key={org.id}
                  title={org.name}
                  description={ORG_LEVEL_LABELS[org.level]}
                  extra={org.level === 'grassroots' ? '选择' : '下一级 ›'}
                  clickable
                  onClick={() => tap(org)}
                  className="org-picker__option"
                />
              ))}
            </CellGroup>
          ) : null}
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
