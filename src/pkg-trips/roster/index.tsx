/** Staff of the organising union: a session's roster with contact details, check-in at departure, Excel export, the draw. */
import { View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { RosterRow } from '../../../types/trips.schema';
import { formatDateRange, formatInstant } from '../../../types/time';
import { call } from '../../services/cloud';
import { useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { confirm, openPage, toast } from '../../lib/nav';
import { Button } from '../../components/ui/Button';
import { FormError } from '../../components/Field';
import { Heading } from '../../components/Heading';
import { EmptyState } from '../../components/PageState';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { StaffGate } from '../../components/StaffGate';
import { saveBase64File } from '../../lib/save-file';
import { statusTone } from '../lib/labels';
import '../lib/trips.scss';

function Row({ r, onChanged }: { r: RosterRow; onChanged: () => void }) {
  const checkIn = useMutation('trips', 'checkIn');
  const go = async () => {
    if (!(await confirm('出发签到', `确认 ${r.name} 已到达集合点？`, '确认签到'))) return;
    const res = await checkIn.run({ signupId: r.signupId });
    if (!res) return;
    if (res.ok) toast(`${r.name} 已签到`);
    if (res.ok || res.error.code !== 'network') onChanged();
  };
  return (
    <View className="trips-row trips-roster__row" data-signup-id={r.signupId} data-status={r.status}>
      <View className="trips-row__name">{`${r.name}　${r.phone}`}</View>
      <View className="trips-card__line">{`${r.orgName} · ${r.birthYear} 年出生${r.priority ? ' · 近年未参加' : ''}`}</View>
      <View className="trips-card__line">{`紧急联系人：${r.emergencyName}（${r.emergencyRelation}）${r.emergencyPhone}`}</View>
      {r.healthNotes ? <View className="trips-card__line">{`健康情况：${r.healthNotes}`}</View> : null}
      <View className={`trips-status trips-status--${statusTone(r.status)}`}>
        {`${r.statusText}${r.waitNo && r.status === 'waiting' ? `（候补 ${r.waitNo} 号）` : ''}${r.drawRank ? ` · 抽签第 ${r.drawRank} 位` : ''}`}
      </View>
      {r.checkedInAt ? <View className="trips-card__line">{`签到时间：${formatInstant(r.checkedInAt)}`}</View> : null}
      <FormError message={checkIn.formError} />
      <View className="trips-card__actions">
        {r.status === 'confirmed' ? (
          <Button type="primary" size="large" loading={checkIn.busy} label={`出发签到：${r.name}`} onClick={() => void go()}>出发签到</Button>
        ) : null}
        <Button size="small" className="trips-roster__trail" label={`办理记录：${r.name}`} onClick={() => openPage(`/pkg-staff/trail/index?feature=trips&id=${encodeURIComponent(r.signupId)}`)}>办理记录</Button>
      </View>
    </View>
  );
}

function RosterView({ sessionId }: { sessionId: string }) {
  const roster = useQuery('trips', 'roster', { sessionId });
  // Export reads only; it goes through useMutation for its busy state and its message.
  const exporter = useMutation((_: null) => call('trips', 'exportRoster', { sessionId }));
  const draw = useMutation('trips', 'runDraw');

  const exportXlsx = async () => {
    const r = await exporter.run(null);
    if (!r || !r.ok) return;
    try {
      await saveBase64File(r.data.fileName, r.data.contentBase64);
    } catch {
      toast('文件保存失败，请稍后再试');
    }
  };

  const runDraw = async () => {
    if (!(await confirm('抽签', '抽签结果和随机种子会公开，任何人都可以复核。确定现在抽签吗？', '开始抽签'))) return;
    const r = await draw.run({ sessionId });
    if (!r) return;
    if (r.ok) toast(`抽签完成，种子：${r.data.seed}`);
    void roster.reload();
  };

  return (
    <QueryView query={roster}>
      {(data) => {
        const holders = data.rows.filter((r) => ['confirmed', 'pending_review', 'offered', 'attended'].includes(r.status)).length;
        const hasApplicants = data.rows.some((r) => r.status === 'applied');
        return (
          <View>
            <View className="trips-card">
              <Heading className="trips-card__title">{`${data.tripTitle} · ${data.session.label}`}</Heading>
              <View className="trips-card__line">{`${formatDateRange(data.session.departDate, data.session.returnDate)}，名额 ${data.session.places}，已占 ${holders}，剩 ${data.session.placesLeft}，候补 ${data.session.waiting}`}</View>
              <View className="hint">名单含联系方式，仅供组织出行使用，请勿外传。</View>
              <FormError message={exporter.formError ?? draw.formError} />
              <View className="trips-card__actions">
                <Button type="primary" size="large" loading={exporter.busy} className="trips-roster__export" onClick={() => void exportXlsx()}>导出 Excel 名单</Button>
                {hasApplicants && !data.session.drawnAt ? <Button size="large" loading={draw.busy} onClick={() => void runDraw()}>抽签</Button> : null}
              </View>
            </View>
            {data.rows.length === 0 ? <EmptyState text="这一期还没有人报名" /> : null}
            {data.rows.map((r) => (
              <Row key={r.signupId} r={r} onChanged={() => void roster.reload()} />
            ))}
          </View>
        );
      }}
    </QueryView>
  );
}

export default function RosterPage() {
  const { params } = useRouter();
  return (
    <Page className="trips-roster">
      <StaffGate>{() => <RosterView sessionId={params.sessionId ?? ''} />}</StaffGate>
    </Page>
  );
}
