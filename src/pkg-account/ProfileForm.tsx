/**
 * Register (account.register, all fields) or edit (account.updateProfile, changed fields only).
 * Checked with the same zod schemas as the function; errors are shown under each field and clear when it is edited.
 */
import { View } from '@tarojs/components';
import { profileForm, updateProfileInput, type MeOutput, type OrgSummary } from '../../types/account.schema';
import { call } from '../services/cloud';
import { setMe } from '../services/me';
import { check } from '../lib/form';
import { useFields, useMutation } from '../lib/useMutation';
import { openPage, toast } from '../lib/nav';
import { Field, FormError } from '../components/Field';
import { Heading } from '../components/Heading';
import { OrgPicker } from '../components/OrgPicker';
import { Button } from '../components/ui/Button';

type Input = { mode: 'register'; data: typeof profileForm._zod.output } | { mode: 'update'; data: typeof updateProfileInput._zod.output };

interface Props {
  /** Present when editing: the current profile. */
  me?: MeOutput;
  onDone: () => void;
}

export function ProfileForm({ me, onDone }: Props) {
  const profile = me?.profile ?? null;
  const editing = !!profile;
  const save = useMutation((input: Input, requestId: string) =>
    input.mode === 'register' ? call('account', 'register', input.data, { requestId }) : call('account', 'updateProfile', input.data, { requestId }),
  );
  const form = useFields({ name: profile?.name ?? '', phone: profile?.phone ?? '', idNumber: '', org: (profile?.org ?? null) as OrgSummary | null }, save);
  const { name, phone, idNumber, org } = form.values;

  const submit = async () => {
    let input: Input;
    if (profile) {
      const changes: Record<string, string> = {};
      if (name.trim() !== profile.name) changes.name = name;
      if (phone.trim() !== profile.phone) changes.phone = phone;
      if (idNumber.trim()) changes.idNumber = idNumber;
      const checked = check(updateProfileInput, changes);
      if (!checked.ok) return save.setFieldErrors(checked.errors);
      input = { mode: 'update', data: checked.data };
    } else {
      const checked = check(profileForm, { name, phone, idNumber, orgId: org?.id ?? '' });
      if (!checked.ok) return save.setFieldErrors(org ? checked.errors : { ...checked.errors, orgId: '请选择所属的基层工会' });
      input = { mode: 'register', data: checked.data };
    }
    const r = await save.run(input);
    if (!r || !r.ok) return;
    setMe(r.data);
    toast(editing ? '资料已保存' : '登记成功');
    onDone();
  };

  return (
    <View className="profile-form">
      <Heading>{editing ? '修改个人资料' : '实名登记'}</Heading>
      <View className="hint">
        {editing ? '只需修改要变更的内容；身份证号不修改可留空。' : '请如实填写，工会核对后为您开通相应服务。'}
      </View>
      <Field label="姓名" {...form.field('name')} placeholder="请输入真实姓名" maxLength={20} />
      <Field label="手机号" {...form.field('phone')} placeholder="11 位手机号" type="number" maxLength={11} />
      <Field label="身份证号" {...form.field('idNumber')} placeholder={profile ? `当前：${profile.idMasked}` : '18 位身份证号'} type="idcard" maxLength={18} />
      {editing ? (
        <View className="profile-form__org">
          <View className="field-label">所属基层工会</View>
          <View className="profile-form__org-name">{profile?.org?.name ?? '—'}</View>
          <View className="hint">更换所属工会需要调入的工会确认。</View>
          <Button size="large" block className="profile-form__transfer" onClick={() => openPage('/pkg-account/transfer/index')}>申请调动</Button>
        </View>
      ) : (
        <OrgPicker value={org} onChange={(o) => { form.set('org', o); save.clearFieldError('orgId'); }} error={save.fieldErrors.orgId} />
      )}
      <FormError message={save.formError} />
      <View className="actions">
        <Button type="primary" size="large" block loading={save.busy} className="profile-form__submit" onClick={() => void submit()}>
          {editing ? '保存' : '提交登记'}
        </Button>
        {editing ? (
          <Button size="large" block onClick={onDone}>
            取消
          </Button>
        ) : null}
      </View>
    </View>
  );
}
