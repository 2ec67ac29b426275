/** 困难自测: household size, income and 刚性支出 against the local 低保 standard → the likely category and what to prepare. Files nothing. */
import { View } from '@tarojs/components';
import { useState } from 'react';
import { selfTestInput, type SelfTestResult } from '../../../types/hardship.schema';
import { useFields, useMutation } from '../../lib/useMutation';
import { check } from '../../lib/form';
import { a11y } from '../../lib/a11y';
import { openPage } from '../../lib/nav';
import { Field, FormError } from '../../components/Field';
import { Button } from '../../components/ui/Button';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { PAGES, num, yuan } from '../lib/labels';
import '../lib/hardship.scss';

export default function SelfTestPage() {
  const test = useMutation('hardship', 'selfTest');
  const form = useFields({ householdSize: '', annualIncome: '', medicalCosts: '', schoolingCosts: '', otherCosts: '' }, test);
  const [result, setResult] = useState<SelfTestResult | null>(null);
  const v = form.values;

  const submit = async () => {
    const checked = check(selfTestInput, {
      householdSize: num(v.householdSize),
      annualIncome: num(v.annualIncome),
      medicalCosts: num(v.medicalCosts) ?? 0,
      schoolingCosts: num(v.schoolingCosts) ?? 0,
      otherCosts: num(v.otherCosts) ?? 0,
    });
    if (!checked.ok) return test.setFieldErrors(checked.errors);
    const r = await test.run(checked.data);
    if (r?.ok) setResult(r.data);
  };

  return (
    <Page className="hs-selftest">
      <View className="hint">自测只在本机计算和对照本地标准，不会提交申请，也不会保存您填写的数字。</View>
      <View className="hs-form">
        <Field label="家庭共同生活人口（人）" type="number" {...form.field('householdSize')} maxLength={2} placeholder="包括本人，例如 3" />
        <Field label="全家今年总收入（元）" type="digit" {...form.field('annualIncome')} maxLength={9} placeholder="所有家庭成员的工资、养老金等" />
        <Field label="今年医疗自付支出（元）" type="digit" {...form.field('medicalCosts')} maxLength={9} placeholder="没有填 0" />
        <Field label="今年子女教育支出（元）" type="digit" {...form.field('schoolingCosts')} maxLength={9} placeholder="没有填 0" />
        <Field label="其他必需支出（元）" type="digit" {...form.field('otherCosts')} maxLength={9} placeholder="没有填 0" />
        <FormError message={test.formError} />
        <View className="actions">
          <Button type="primary" size="large" block loading={test.busy} className="hs-selftest__run" onClick={() => void submit()}>
            {test.busy ? '正在计算…' : '开始自测'}
          </Button>
        </View>
      </View>
      {result ? (
        <View className="hs-card hs-selftest__result" {...a11y({ role: 'status', live: 'polite' })}>
          <Heading className="hs-card__title">自测结果</Heading>
          <View className="hs-big hs-selftest__verdict">{result.verdict}</View>
          <View className="hs-line hs-line--main">{`家庭人均月收入约 ${yuan(result.perCapitaMonthly)}，${result.orgName}低保标准每人每月 ${yuan(result.dibao)}`}</View>
          {result.explain.map((x) => (
            <View key={x} className="hs-line">{x}</View>
          ))}
          {result.prepare.length ? (
            <>
              <Heading level={3} className="hs-label">需要准备的材料</Heading>
              {result.prepare.map((x) => (
                <View key={x} className="hs-line hs-line--main">{`· ${x}`}</View>
              ))}
            </>
          ) : null}
          <View className="hs-actions">
            <Button type="primary" size="large" block className="hs-selftest__apply" onClick={() => openPage(PAGES.apply())}>
              去提出帮扶申请
            </Button>
          </View>
        </View>
      ) : null}
    </Page>
  );
}
