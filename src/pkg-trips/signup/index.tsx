/**
 * The sign-up form: emergency contact, health declaration, agreement to the rules. Checked with the same
 * schema as the function (signUpForm); one requestId per attempt, so a double tap or a retry never signs up twice.
 */
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useRef, useState } from 'react';
import { signUpForm } from '../../../types/trips.schema';
import { call, newRequestId } from '../../services/cloud';
import { Field, FormError } from '../../components/Field';
import { Button, TextArea } from '../../components/ui';
import { check, issuesToFieldErrors, type FieldErrors } from '../../lib/form';
import { toast } from '../../lib/nav';
import { Choice, Tick } from '../lib/Choice';
import { PAGES } from '../lib/labels';
import '../lib/trips.scss';

const RELATIONS = ['配偶', '子女', '父母', '兄弟姐妹', '其他亲属', '同事'].map((r) => ({ value: r, label: r }));

export default function TripSignUpPage() {
  const { params } = useRouter();
  const tripId = params.tripId ?? '';
  const sessionId = params.sessionId ?? '';
  const [emergencyName, setName] = useState('');
  const [emergencyPhone, setPhone] = useState('');
  const [emergencyRelation, setRelation] = useState('');
  const [healthNotes, setNotes] = useState('');
  const [healthDeclared, setHealth] = useState(false);
  const [agreed, setAgreed] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const attempt = useRef<string | null>(null);

  const submit = async () => {
    if (busy) return;
    const values = { emergencyName, emergencyPhone, emergencyRelation, healthNotes: healthNotes.trim() ? healthNotes : undefined, healthDeclared, agreed };
    const checked = check(signUpForm, values);
    if (!checked.ok) return setErrors(checked.errors);
    setErrors({});
    setBusy(true);
    // The same id until the function has answered: repeating it returns the first answer and signs up once.
    attempt.current = attempt.current ?? newRequestId();
    const r = await call('trips', 'signUp', { tripId, sessionId, form: checked.data }, { requestId: attempt.current });
    setBusy(false);
    if (!r.ok) {
      if (r.error.code !== 'network') attempt.current = null;
      if (r.error.code === 'trips.already_signed_up') {
        toast(r.error.message);
        void Taro.redirectTo({ url: PAGES.mine });
        return;
      }
      // The function names fields under `form`: show them beside the same fields here.
      const issues = (r.error.issues ?? []).map((i) => ({ ...i, path: i.path[0] === 'form' ? i.path.slice(1) : i.path }));
      setErrors({ ...issuesToFieldErrors(issues), _form: r.error.message });
      return;
    }
    attempt.current = null;
    await Taro.showModal({ title: '报名结果', content: r.data.message, showCancel: false, confirmText: '知道了' });
    void Taro.redirectTo({ url: PAGES.mine });
  };

  return (
    <View className="page trips-signup">
      <View className="hint">请填写出行期间的紧急联系人。您的姓名、手机号和所在工会按实名登记信息自动填写。</View>
      <Field label="紧急联系人姓名" name="emergencyName" value={emergencyName} onChange={setName} error={errors.emergencyName} maxLength={20} placeholder="例如：李大明" />
      <Field label="紧急联系人手机号" name="emergencyPhone" type="number" value={emergencyPhone} onChange={setPhone} error={errors.emergencyPhone} maxLength={11} placeholder="11 位手机号" />
      <View className="trips-label">与本人关系</View>
      <Choice name="relation" options={RELATIONS} selected={[emergencyRelation]} onToggle={setRelation} />
      {errors.emergencyRelation ? <View className="field-error trips-err">{errors.emergencyRelation}</View> : null}
      <View className="trips-label">健康情况说明（可不填）</View>
      <View className="trips-textarea">
        <TextArea className="trips-signup__notes" value={healthNotes} onChange={(v: string) => setNotes(v)} maxLength={200} placeholder="如有慢性病、行动不便或饮食禁忌，请写在这里" />
      </View>
      {errors.healthNotes ? <View className="field-error trips-err">{errors.healthNotes}</View> : null}
      <Tick name="health" checked={healthDeclared} onChange={setHealth}>本人身体状况适合参加本次疗休养，如有不适会及时告知工会</Tick>
      {errors.healthDeclared ? <View className="field-error trips-err">{errors.healthDeclared}</View> : null}
      <Tick name="agree" checked={agreed} onChange={setAgreed}>我已阅读并同意报名须知：服从统一安排，不得转让名额，不能参加时在截止前取消</Tick>
      {errors.agreed ? <View className="field-error trips-err">{errors.agreed}</View> : null}
      <FormError message={errors._form} />
      <View className="actions">
        <Button type="primary" size="large" block loading={busy} disabled={busy} className="trips-signup__submit" onClick={() => void submit()}>
          {busy ? '正在提交…' : '提交报名'}
        </Button>
      </View>
    </View>
  );
}
