/**
 * 工作统计 — the figures a union reports upward, for a period and an org within the caller's scope (ADR 0017): each
 * feature's own `figures` action (lib/sources.ts), shown as headline numbers and charts with their numbers beside
 * them, each table exportable to Excel, and all of them in one workbook.
 */
import { View } from '@tarojs/components';
import { useState } from 'react';
import type { OrgSummary, MeOutput } from '../../../types/account.schema';
import { ORG_LEVELS } from '../../../types/org';
import { addLocalMonths, localMonthOf } from '../../../types/time';
import { call } from '../../services/cloud';
import { useLoader } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { toast } from '../../lib/nav';
import { StaffGate } from '../../components/StaffGate';
import { Button } from '../../components/ui/Button';
import { Heading } from '../../components/Heading';
import { OrgPicker } from '../../components/OrgPicker';
import { Page } from '../../components/Page';
import { ErrorNotice } from '../../components/PageState';
import { QueryView } from '../../components/QueryView';
import { TabBar } from '../../components/TabBar';
import { FigureCard, tableForExport } from '../lib/FigureCard';
import { FIGURE_SOURCES, loadAll } from '../lib/sources';
import { saveBase64File } from '../../lib/save-file';
import '../lib/workspace.scss';

type Period = 'year' | 'last12' | 'lastYear';
const PERIODS: [Period, string][] = [
  ['year', '今年'],
  ['last12', '近 12 个月'],
  ['lastYear', '去年'],
];

function monthsOf(period: Period): { from: string; to: string } {
  const now = localMonthOf(Date.now());
  const year = Number(now.slice(0, 4));
  if (period === 'year') return { from: `${year}-01`, to: `${year}-12` };
  if (period === 'lastYear') return { from: `${year - 1}-01`, to: `${year - 1}-12` };
  return { from: addLocalMonths(`${now}-01`, -11).slice(0, 7), to: now };
}

const monthText = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5))}月`;

function Dashboard({ me }: { me: MeOutput }) {
  const scope = me.staffScope;
  const root: OrgSummary | null = scope ? { id: scope.orgId, name: scope.orgName, level: scope.level, parentId: null } : null;
  const [org, setOrg] = useState<OrgSummary | null>(root);
  const [picking, setPicking] = useState(false);
  const [period, setPeriod] = useState<Period>('year');
  const { from, to } = monthsOf(period);
  const input = { ...(org ? { orgId: org.id } : {}), from, to };
  const figures = useLoader(`figures:${JSON.stringify(input)}`, () => loadAll(FIGURE_SOURCES, input));
  const exportAll = useMutation((i: { title: string; tables: ReturnType<typeof tableForExport>[] }, requestId: string) => call('staff', 'exportTables', i, { requestId }));

  return (
    <View className="workspace">
      <View className="workspace__scope">
        <View className="workspace__org" data-org={org?.id ?? 'all'}>{org ? org.name : '全部工会'}</View>
        <View className="hint">{`统计范围：${org ? `${org.name}及其下级工会` : '全部工会'}，${monthText(from)}至${monthText(to)}`}</View>
        <Button size="small" className="workspace__pick" onClick={() => setPicking(!picking)}>{picking ? '收起' : '换一个工会'}</Button>
      </View>
      {picking ? (
        <OrgPicker
          title="统计的工会"
          value={org}
          root={root}
          selectable={ORG_LEVELS}
          onChange={(o) => {
            setOrg(o);
            setPicking(false);
          }}
        />
      ) : null}
      <TabBar tabs={PERIODS} value={period} onChange={setPeriod} label="统计期间" className="workspace__period" />
      <QueryView query={figures} loadingText="正在统计，请稍候…">
        {(sources) => {
          const all = sources.flatMap((s) => (s.result.ok ? s.result.data.tables : []));
          const orgName = sources.find((s) => s.result.ok)?.result;
          const name = orgName?.ok ? orgName.data.orgName : '';
          const doExport = async () => {
            const r = await exportAll.run({ title: `${name}工作统计${from}至${to}`, tables: all.map(tableForExport) });
            if (!r?.ok) return;
            await saveBase64File(r.data.fileName, r.data.contentBase64).then(() => toast('已导出'), () => toast('文件保存失败，请重试'));
          };
          return (
            <View>
              {sources.map((s) => (
                <View key={s.key} className={`workspace__source workspace__source--${s.key}`}>
                  <Heading>{s.title}</Heading>
                  {s.result.ok ? (
                    <View>
                      <View className="workspace__headlines">
                        {s.result.data.headlines.map((h) => (
                          <View key={h.label} className="workspace__headline">
                            <View className="workspace__headline-value">{`${h.value}`}<View className="workspace__headline-unit">{h.unit}</View></View>
                            <View className="workspace__headline-label">{h.label}</View>
                          </View>
                        ))}
                      </View>
                      {s.result.data.tables.map((t) => (
                        <FigureCard key={t.key} table={t} orgName={s.result.ok ? s.result.data.orgName : ''} />
                      ))}
                    </View>
                  ) : (
                    <ErrorNotice error={s.result.error} onRetry={() => void figures.reload()} />
                  )}
                </View>
              ))}
              {all.length ? (
                <View className="actions">
                  <Button type="primary" size="large" block className="workspace__export-all" loading={exportAll.busy} onClick={() => void doExport()}>
                    全部表格导出为一个 Excel
                  </Button>
                </View>
              ) : null}
            </View>
          );
        }}
      </QueryView>
    </View>
  );
}

export default function DashboardPage() {
  return (
    <Page className="staff-dashboard">
      <StaffGate>{(me) => <Dashboard me={me} />}</StaffGate>
    </Page>
  );
}
