/** Pieces shared by the 困难帮扶 pages: a case in a list, the case's facts, its files and its timeline. */
import { View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import {
  AID_KIND_LABELS,
  CASE_KIND_LABELS,
  CAUSE_LABELS,
  CATEGORY_LABELS,
  HEALTH_LABELS,
  HOUSING_LABELS,
  INCOME_CHECK_LABELS,
  ATTESTATION_LABELS,
  PAY_METHOD_LABELS,
  RELATION_LABELS,
  WORK_STATUS_LABELS,
  BUSINESS_LABELS,
  type CaseDetail,
  type CaseSummary,
} from '../../../types/hardship.schema';
import { formatDate, formatInstant } from '../../../types/time';
import { Heading } from '../../components/Heading';
import { Tappable } from '../../components/Tappable';
import { openPage } from '../../lib/nav';
import { statusTone, yuan } from './labels';

export function StatusBadge({ status, text }: { status: CaseSummary['status']; text: string }) {
  return <View className={`hs-status hs-status--${statusTone(status)}`} data-status={status}>{text}</View>;
}

/** A case in a list: never family members, attachments, illness or income details. */
export function CaseCard({ c, url }: { c: CaseSummary; url: string }) {
  return (
    <Tappable role="link" className="hs-card hs-case" onPress={() => openPage(url)} data-status={c.status} data-case={c.id}>
      <View className="hs-card__title">{`${c.name} · ${c.aidKinds.map((k) => AID_KIND_LABELS[k]).join('、') || (c.type === 'recheck' ? '年度复核' : '帮扶申请')}`}</View>
      <StatusBadge status={c.status} text={c.statusText} />
      {c.overdue ? <View className="hs-status hs-status--bad">已逾期</View> : null}
      <View className="hs-line hs-line--main">{c.stepText}</View>
      <View className="hs-line">{`${c.orgName} · 编号 ${c.caseNo}`}</View>
      {c.totalAmount !== null ? <View className="hs-line">{`批准金额：${yuan(c.totalAmount)}`}</View> : null}
      {c.dueAt ? <View className="hs-line">{`办理时限：${formatInstant(c.dueAt)}`}</View> : null}
      {c.reminders > 0 ? <View className="hs-line">{`已催办 ${c.reminders} 次`}</View> : null}
      <View className="hs-line">{`更新于 ${formatInstant(c.updatedAt)} ›`}</View>
    </Tappable>
  );
}

export function Timeline({ items }: { items: CaseDetail['timeline'] }) {
  return (
    <View className="hs-card hs-timeline">
      <Heading className="hs-card__title">办理记录</Heading>
      {items.length === 0 ? <View className="hs-line">还没有办理记录</View> : null}
      {items.map((t, i) => (
        <View key={`${t.at}-${i}`} className="hs-timeline__item">
          <View className="hs-line hs-line--main">{t.what}</View>
          <View className="hs-line">{`${formatInstant(t.at)} · ${t.who}`}</View>
          {t.why ? <View className="hs-line">{`原因：${t.why}`}</View> : null}
        </View>
      ))}
    </View>
  );
}

function openFile(url: string, mime: string) {
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank', 'noopener');
    return;
  }
  if (mime.startsWith('image/')) void Taro.previewImage({ urls: [url] });
  else
    void Taro.downloadFile({ url }).then((r) => Taro.openDocument({ filePath: r.tempFilePath, fileType: 'pdf', showMenu: true }));
}

export function CaseFacts({ d }: { d: CaseDetail }) {
  const f = d.form;
  return (
    <>
      <View className="hs-card hs-facts">
        <Heading className="hs-card__title">{`${d.name}的${d.type === 'recheck' ? '年度复核' : '帮扶申请'}`}</Heading>
        <StatusBadge status={d.status} text={d.statusText} />
        {d.overdue ? <View className="hs-status hs-status--bad">已逾期</View> : null}
        <View className="hs-line hs-line--main hs-step">{d.stepText}</View>
        <View className="hs-line">{`编号 ${d.caseNo} · ${d.orgName}`}</View>
        <View className="hs-line">{`身份证 ${d.personMasked.idMasked}${d.personMasked.phone ? ` · 手机 ${d.personMasked.phone}` : ''}`}</View>
        <View className="hs-line">{d.filerText}</View>
        {d.dispatch ? <View className="hs-line">{`${d.dispatch.byOrgName}下派核实：${d.dispatch.reason}（${formatDate(d.dispatch.dueOn)}前上报）`}</View> : null}
        {d.flags.map((x) => (
          <View key={x} className="hs-notice">{x}</View>
        ))}
      </View>
      {d.steps.length > 0 ? (
        <View className="hs-card">
          <Heading className="hs-card__title">办理环节</Heading>
          {d.steps.map((s, i) => (
            <View key={`${s.orgId}-${i}`} className="hs-line hs-line--main">{`${s.state === 'done' ? '✓ ' : s.state === 'current' ? '▶ ' : '· '}${s.label}${s.state === 'current' ? '（当前）' : ''}`}</View>
          ))}
        </View>
      ) : null}
      {d.income ? (
        <View className="hs-card hs-income">
          <Heading className="hs-card__title">家庭人均月收入</Heading>
          <View className="hs-big">{yuan(d.income.perCapitaMonthly)}</View>
          <View className="hs-line">{`（家庭年收入 ${yuan(d.income.annualIncome)} − 刚性支出 ${yuan(d.income.rigidExpenses)}）÷ 12 ÷ ${d.income.householdSize} 人`}</View>
          {d.income.perCapitaMonthly < 0 ? <View className="hs-line">刚性支出超过家庭收入（负数）</View> : null}
          <View className="hs-line">{`本地低保标准：每人每月 ${yuan(d.income.dibao)}`}</View>
        </View>
      ) : null}
      {f ? (
        <View className="hs-card hs-form-view">
          <Heading className="hs-card__title">申请内容</Heading>
          {f.kind ? <View className="hs-line">{`救助类型：${CASE_KIND_LABELS[f.kind]}`}</View> : null}
          {f.primaryCause ? <View className="hs-line">{`致困原因：${CAUSE_LABELS[f.primaryCause]}${f.secondaryCauses?.length ? `（另有：${f.secondaryCauses.map((c) => CAUSE_LABELS[c]).join('、')}）` : ''}`}</View> : null}
          {f.workStatus ? <View className="hs-line">{`本人：${WORK_STATUS_LABELS[f.workStatus]}，月收入 ${yuan(f.monthlyIncome ?? 0)}`}</View> : null}
          {(f.members ?? []).map((m, i) => (
            <View key={i} className="hs-line">{`${RELATION_LABELS[m.relation]} ${m.age} 岁 · ${HEALTH_LABELS[m.health]} · ${m.occupation} · 月收入 ${yuan(m.monthlyIncome)}`}</View>
          ))}
          {f.housingType ? <View className="hs-line">{`住房：${HOUSING_LABELS[f.housingType]} ${f.housingArea ?? 0} 平方米，${f.homes ?? 0} 套；${f.hasCar ? '有车' : '无车'}；经营：${f.business ? BUSINESS_LABELS[f.business] : '—'}`}</View> : null}
          <View className="hs-line">{`今年刚性支出：医疗 ${yuan(f.medicalCosts ?? 0)}，教育 ${yuan(f.schoolingCosts ?? 0)}，其他 ${yuan(f.otherCosts ?? 0)}`}</View>
          <View className="hs-line">{`已获其他救助：${yuan(f.aidReceived ?? 0)}${f.aidReceivedNote ? `（${f.aidReceivedNote}）` : ''}`}</View>
          {f.aidKinds?.length ? <View className="hs-line">{`申请项目：${f.aidKinds.map((k) => AID_KIND_LABELS[k]).join('、')}`}</View> : null}
          {f.narrative ? <View className="hs-line hs-line--main">{f.narrative}</View> : null}
          {d.consent ? <View className="hs-line">{`已签署承诺书和家庭经济状况核对授权（${d.consent.version} 版，${formatInstant(d.consent.at)}）`}</View> : null}
        </View>
      ) : null}
      <View className="hs-card hs-files">
        <Heading className="hs-card__title">证明材料</Heading>
        {d.files.length === 0 ? <View className="hs-line">还没有上传材料</View> : null}
        {d.files.map((x) => (
          <Tappable key={x.id} role="link" className="hs-file" onPress={() => openFile(x.url, x.mime)}>
            <View className="hs-line hs-line--main">{`${x.doc}：${x.name}（打开）`}</View>
          </Tappable>
        ))}
        {d.missingDocs.length > 0 ? <View className="hs-notice hs-missing">{`还缺：${d.missingDocs.map((m) => m.label).join('、')}`}</View> : null}
        {d.files.length > 0 ? <View className="hs-line">链接几分钟后失效，失效后请刷新页面。</View> : null}
      </View>
      {d.visit ? (
        <View className="hs-card hs-visit">
          <Heading className="hs-card__title">入户核实</Heading>
          <View className="hs-line">{`${formatDate(d.visit.visitedOn)} · 走访人：${d.visit.visitors.join('、')}`}</View>
          <View className="hs-line hs-line--main">{d.visit.findings}</View>
          <View className="hs-line">{ATTESTATION_LABELS[d.visit.attestation]}</View>
          {d.visit.photoIds.length ? <View className="hs-line">{`走访照片 ${d.visit.photoIds.length} 张`}</View> : null}
        </View>
      ) : null}
      {d.incomeCheck ? (
        <View className="hs-card">
          <Heading className="hs-card__title">家庭经济状况核对</Heading>
          <View className="hs-line">{`${formatDate(d.incomeCheck.checkedOn)} · ${INCOME_CHECK_LABELS[d.incomeCheck.outcome]}`}</View>
          {d.incomeCheck.note ? <View className="hs-line">{d.incomeCheck.note}</View> : null}
        </View>
      ) : null}
      {d.category || d.awards.length ? (
        <View className="hs-card hs-awards">
          <Heading className="hs-card__title">审批结果</Heading>
          {d.category ? <View className="hs-line hs-line--main">{`困难类别：${CATEGORY_LABELS[d.category]}`}</View> : null}
          {d.awards.map((a) => (
            <View key={a.aidKind} className="hs-line">{`${a.label}：${yuan(a.amount)}（建议 ${yuan(a.suggested)}）${a.reason ? `，${a.reason}` : ''}`}</View>
          ))}
          {d.notice ? <View className="hs-line">{`公示期：${formatDate(d.notice.from)}至${formatDate(d.notice.until)}`}</View> : null}
        </View>
      ) : null}
      {d.objections.length ? (
        <View className="hs-card">
          <Heading className="hs-card__title">公示期异议</Heading>
          {d.objections.map((o, i) => (
            <View key={i} className="hs-line">{`${formatInstant(o.at)}：${o.reason}`}</View>
          ))}
        </View>
      ) : null}
      {d.payments.length ? (
        <View className="hs-card hs-payments">
          <Heading className="hs-card__title">发放记录</Heading>
          {d.payments.map((p, i) => (
            <View key={i} className="hs-line">{`${formatDate(p.paidOn)} · ${p.payee} · ${yuan(p.amount)} · ${PAY_METHOD_LABELS[p.method]} · 凭证 ${p.voucherNo}`}</View>
          ))}
        </View>
      ) : null}
    </>
  );
}
