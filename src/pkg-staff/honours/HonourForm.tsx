/** Registers one honour (staff.addHonour), checked with `honourInput` before it is sent. */
import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { HONOUR_LEVEL_LABELS, HONOUR_LEVELS, type HonourLevel } from '../../../types/account.schema';
import { honourInput } from '../../../types/staff.schema';
import { call, newRequestId } from '../../services/cloud';
import { check, errorToFieldErrors, type FieldErrors } from '../../lib/form';
import { toast } from '../../lib/nav';
import { Field, FormError } from '../../components/Field';
import { Button, Radio } from '../../components/ui';

export function HonourForm({ onAdded }: { onAdded: () => void }) {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [title, setTitle] = useState('');
  const [level, setLevel] = useState<HonourLevel | ''>('');
  const [year, setYear] = useState('');
  const [awardingBody, setAwardingBody] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());

  const submit = async () => {
    const checked = check(honourInput, {
      name,
      idNumber,
      title,
      level: level || undefined,
      year: /^\d+$/.test(year.trim()) ? Number(year.trim()) : year.trim() === '' ? undefined : NaN,
      awardingBody,
    });
    if (!checked.ok) {
      const e = checked.errors;
      if (e.year && !year.trim()) e.year = '请填写获得荣誉的年份';
      return setErrors(e);
    }
    setErrors({});
    setBusy(true);
    const r = await call('staff', 'addHonour', checked.data, { requestId: requestId.current });
    setBusy(false);
    if (!r.ok) return setErrors(errorToFieldErrors(r.error));
    requestId.current = newRequestId();
    toast('荣誉已登记');
    setName('');
    setIdNumber('');
    setTitle('');
    setLevel('');
    setYear('');
    setAwardingBody('');
    onAdded();
  };

  return (
    <View className="honour-form">
      <Field label="姓名" name="name" value={name} onChange={setName} error={errors.name} maxLength={20} />
      <Field label="身份证号" name="idNumber" value={idNumber} onChange={setIdNumber} error={errors.idNumber} type="idcard" maxLength={18} />
      <Field label="荣誉称号" name="title" value={title} onChange={setTitle} error={errors.title} placeholder="例如：全国劳动模范" maxLength={40} />
      <View className="field">
        <View className="field__label">荣誉级别</View>
        <Radio.Group value={level} onChange={(v) => setLevel(v as HonourLevel)} direction="horizontal">
          {HONOUR_LEVELS.map((l) => (
            <Radio key={l} value={l}>
              {HONOUR_LEVEL_LABELS[l]}
            </Radio>
          ))}
        </Radio.Group>
        {errors.level ? <View className="field-error">{errors.level}</View> : null}
      </View>
      <Field label="获得年份" name="year" value={year} onChange={setYear} error={errors.year} type="number" maxLength={4} placeholder="例如：2020" />
      <Field label="授予单位" name="awardingBody" value={awardingBody} onChange={setAwardingBody} error={errors.awardingBody} maxLength={60} />
      <FormError message={errors._form} />
      <View className="actions">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          登记荣誉
        </Button>
      </View>
    </View>
  );
}
