/** Registers one honour (staff.addHonour), checked with `honourInput` before it is sent. */
import { View } from '@tarojs/components';
import { HONOUR_LEVEL_LABELS, HONOUR_LEVELS, type HonourLevel } from '../../../types/account.schema';
import { honourInput } from '../../../types/staff.schema';
import { check } from '../../lib/form';
import { useFields, useMutation } from '../../lib/useMutation';
import { toast } from '../../lib/nav';
import { Field, FormError } from '../../components/Field';
import { Choice } from '../../components/Choice';
import { Button } from '../../components/ui/Button';

const LEVELS = HONOUR_LEVELS.map((l) => ({ value: l, label: HONOUR_LEVEL_LABELS[l] }));
const BLANK = { name: '', idNumber: '', title: '', level: '' as HonourLevel | '', year: '', awardingBody: '' };

export function HonourForm({ onAdded }: { onAdded: () => void }) {
  const add = useMutation('staff', 'addHonour');
  const form = useFields(BLANK, add);
  const { year, level } = form.values;

  const submit = async () => {
    const v = form.values;
    const checked = check(honourInput, {
      ...v,
      level: v.level || undefined,
      year: /^\d+$/.test(year.trim()) ? Number(year.trim()) : year.trim() === '' ? undefined : NaN,
    });
    if (!checked.ok) {
      const e = checked.errors;
      if (e.year && !year.trim()) e.year = '请填写获得荣誉的年份';
      return add.setFieldErrors(e);
    }
    const r = await add.run(checked.data);
    if (!r || !r.ok) return;
    toast('荣誉已登记');
    form.setValues(BLANK);
    onAdded();
  };

  return (
    <View className="honour-form">
      <Field label="姓名" {...form.field('name')} maxLength={20} />
      <Field label="身份证号" {...form.field('idNumber')} type="idcard" maxLength={18} />
      <Field label="荣誉称号" {...form.field('title')} placeholder="例如：全国劳动模范" maxLength={40} />
      <View className="field">
        <View className="field__label">荣誉级别</View>
      </View>
      <Choice name="level" label="荣誉级别" options={LEVELS} selected={level ? [level] : []} onToggle={(l) => form.set('level', l)} />
      {add.fieldErrors.level ? <View className="field-error trips-err">{add.fieldErrors.level}</View> : null}
      <Field label="获得年份" {...form.field('year')} type="number" maxLength={4} placeholder="例如：2020" />
      <Field label="授予单位" {...form.field('awardingBody')} maxLength={60} />
      <FormError message={add.formError} />
      <View className="actions">
        <Button type="primary" block loading={add.busy} onClick={() => void submit()}>
          登记荣誉
        </Button>
      </View>
    </View>
  );
}
