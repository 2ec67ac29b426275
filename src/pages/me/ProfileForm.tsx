/**
 * Register (account.register, all fields) or edit (account.updateProfile, changed fields only).
 * Checked with the same zod schemas as the function; errors are shown under each field.
 */
import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { profileForm, updateProfileInput, type MeOutput, type OrgSummary } from '../../../types/account.schema';
import { call, newRequestId } from '../../services/cloud';
import { setMe } from '../../services/me';
import { check, errorToFieldErrors, type FieldErrors } from '../../lib/form';
import { toast } from '../../lib/nav';
import { Field, FormError } from '../../components/Field';
import { OrgPicker } from '../../components/OrgPicker';
import { Button } from '../../components/ui';

interface Props {
  /** Present when editing: the current profile. */
  me?: MeOutput;
  onDone?: () => void;
}

export function ProfileForm({ me, onDone }: Props) {
  const profile = me?.profile ?? null;
  const editing = !!profile;
  const [name, setName] = useState(profile?.name ?? '');
  const [phone, setPhone] = useState(profile?.phone ?? '');
  const [idNumber, setIdNumber] = useState('');
  const [org, setOrg] = useState<OrgSummary | null>(profile?.org ?? null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());

  const submit = async () => {
    let result;
    if (editing) {
      const changes: Record<string, string> = {};
      if (name.trim() !== profile.name) changes.name = name;
      if (phone.trim() !== profile.phone) changes.phone = phone;
      if (idNumber.trim()) changes.idNumber = idNumber;
      if (org && org.id !== profile.org?.id) changes.orgId = org.id;
      const checked = check(updateProfileInput, changes);
      if (!checked.ok) return setErrors(checked.errors);
      setErrors({});
      setBusy(true);
      result = await call('account', 'updateProfile', checked.data, { requestId: requestId.current });
    } else {
      const checked = check(profileForm, { name, phone, idNumber, orgId: org?.id ?? '' });
      if (!checked.ok) return setErrors(org ? checked.errors : { ...checked.errors, orgId: '请选择所属的基层工会' });
      setErrors({});
      setBusy(true);
      result = await call('account', 'register', checked.data, { requestId: requestId.current });
    }
    setBusy(false);
    if (!result.ok) return setErrors(errorToFieldErrors(result.error));
    requestId.current = newRequestId();
    setMe(result.data);
    toast(editing ? '资料已保存' : '登记成功');
    onDone?.();
  };

  return (
    <View className="profile-form">
      <View className="section-title">{editing ? '修改个人资料' : '实名登记'}</View>
      <View className="hint">
        {editing ? '只需修改要变更的内容；身份证号不修改可留空。' : '请如实填写，工会核对后为您开通相应服务。'}
      </View>
      <Field label="姓名" name="name" value={name} onChange={setName} error={errors.name} placeholder="请输入真实姓名" maxLength={20} />
      <Field label="手机号" name="phone" value={phone} onChange={setPhone} error={errors.phone} placeholder="11 位手机号" type="number" maxLength={11} />
      <Field
        label="身份证号"
        name="idNumber"
        value={idNumber}
        onChange={setIdNumber}
        error={errors.idNumber}
        placeholder={editing ? `当前：${profile.idMasked}` : '18 位身份证号'}
        type="idcard"
        maxLength={18}
      />
      <OrgPicker value={org} onChange={setOrg} error={errors.orgId} />
      <FormError message={errors._form} />
      <View className="actions">
        <Button type="primary" size="large" block loading={busy} disabled={busy} className="profile-form__submit" onClick={() => void submit()}>
          {editing ? '保存' : '提交登记'}
        </Button>
        {onDone && editing ? (
          <Button size="large" block onClick={onDone}>
            取消
          </Button>
        ) : null}
      </View>
    </View>
  );
}
