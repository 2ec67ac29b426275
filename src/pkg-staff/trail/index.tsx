/**
 * 办理记录 — one record's history for staff who may see it: who, when, what and why, newest first; for a hardship
 * case also who opened it. `?feature=trips|greencard|hardship|wishes&id=<signupId|cardId|caseId|wishId>` (lib/sources.ts).
 */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { formatInstant } from '../../../types/time';
import { useLoader } from '../../lib/useQuery';
import { StaffGate } from '../../components/StaffGate';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { EmptyState, ErrorState } from '../../components/PageState';
import { QueryView } from '../../components/QueryView';
import { TRAIL_SOURCES } from '../lib/sources';
import '../lib/workspace.scss';

function Trail({ feature, id }: { feature: string; id: string }) {
  const load = TRAIL_SOURCES[feature];
  const trail = useLoader(`trail:${feature}:${id}`, () => load(id), { enabled: !!load && !!id });
  if (!load || !id) return <ErrorState error={{ code: 'not_found', message: '没有找到这条记录' }} />;
  return (
    <QueryView query={trail}>
      {(t) => (
        <View>
          <View className="trail__head">
            <Heading className="trail__title">{t.title}</Heading>
            <View>{`办理对象：${t.subject}`}</View>
            <View>{`当前状态：${t.status}`}</View>
          </View>
          <Heading>办理经过</Heading>
          {t.entries.length === 0 ? <EmptyState text="暂无办理记录" /> : null}
          {t.entries.map((e, i) => (
            <View key={`${e.at}-${i}`} className="trail__entry">
              <View className="trail__what">{e.what}</View>
              <View className="trail__line">{`${formatInstant(e.at)} · ${e.who}`}</View>
              {e.why ? <View className="trail__line">{`原因：${e.why}`}</View> : null}
            </View>
          ))}
          {t.views ? (
            <View>
              <Heading>查看记录</Heading>
              {t.views.length === 0 ? <EmptyState text="暂无查看记录" /> : null}
              {t.views.map((v, i) => (
                <View key={`${v.at}-${i}`} className="trail__entry">
                  <View className="trail__line">{`${formatInstant(v.at)} · ${v.who} 查看了这份档案`}</View>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      )}
    </QueryView>
  );
}

export default function TrailPage() {
  const { params } = useRouter();
  return (
    <Page className="staff-trail">
      <StaffGate>{() => <Trail feature={params.feature ?? ''} id={decodeURIComponent(params.id ?? '')} />}</StaffGate>
    </Page>
  );
}
