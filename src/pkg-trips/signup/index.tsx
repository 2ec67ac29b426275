/**
 * The sign-up form: which trip, session and dates it is for; emergency contact, health declaration, agreement to
 * the rules. Checked with the same schema as the function (signUpForm); useMutation keeps one requestId per
 * attempt, so a double tap or a retry never signs up twice. The answer is shown large on the page itself.
 */
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { signUpForm, type MySignupView } from '../../../types/trips.schema';
import { formatDate, formatDateRange } from '../../../types/time';
import { useQuery } from '../../lib/useQuery';
import { askSubscription } from '../../lib/subscribe';
import { useFields, useMutation } from '../../lib/useMutation';
import { check } from '../../lib/form';
import { a11y } from '../../lib/a11y';
import { openPage, toast } from '../../lib/nav';
import { Field, FormError, TextBox } from '../../components/Field';
import { Button } from '../../components/ui/Button';
import { Choice, Tick } from '../../components/Choice';
import { Heading } from '../../components/Heading';
import { Page } from '../../components/Page';
import { QueryView } from '../../components/QueryView';
import { PAGES } from '../lib/labels';
import '../lib/trips.scss';

const RELATIONS = ['配偶', '子女', '父母', '兄弟姐妹', '其他亲属', '同事'].map((r) => ({ value: r, label: r }));

function Result({ signup, message }: { signup: MySignupView; message: string }) {
  const good = signup.status === 'confirmed' || signup.status === 'pending_review' || signup.status === 'applied';
  return (
    <View className={`trips-result${good ? '' : ' trips-result--wait'} trips-signup__result`} {...a11y({ role: 'status', live: 'polite' })}>
      <Heading className="trips-result__title">{signup.statusText}</Heading>
      <View className="trips-result__message">{message}</View>
      <View className="trips-result__message">{`${signup.tripTitle} · ${signup.sessionLabel}（${formatDateRange(signup.departDate, signup.returnDate)}）`}</View>
      <View className="actions">
        <Button type="primary" size="large" block className="trips-signup__done" onClick={() => void Taro.redirectTo({ url: PAGES.mine })}>
          查看我的报名
        </Button>
        <Button size="large" block onClick={() => openPage(PAGES.list)}>
          看看其他疗休养
        </Button>
      </View>
    </View>
  );
}

export default function TripSignUpPage() {
  const { params } = useRouter();
  const tripId = params.tripId ?? '';
  const sessionId = params.sessionId ?? '';
  const detail = useQuery('trips', 'detail', { tripId }, { onShow: false });
  const signUp = useMutation('trips', 'signUp', { issuePrefix: 'form' });
  const form = useFields({ emergencyName: '', emergencyPhone: '', emergencyRelation: '', healthNotes: '', healthDeclared: false, agreed: false }, signUp);
  const [done, setDone] = useState<{ signup: MySignupView; message: string } | null>(null);
  const v = form.values;

  const submit = async () => {
    const checked = check(signUpForm, { ...v, healthNotes: v.healthNotes.trim() ? v.healthNotes : undefined });
    if (!checked.ok) return signUp.setFieldErrors(checked.errors);
    // From this tap: ask for the offer, result and departure reminders (never twice for what was refused).
    const asked = askSubscription('trip_signup');
    const r = await signUp.run({ tripId, sessionId, form: checked.data });
    await asked;
    if (!r) return;
    if (r.ok) return setDone(r.data);
    if (r.error.code === 'trips.already_signed_up') {
      toast(r.error.message);
      void Taro.redirectTo({ url: PAGES.mine });
    }
  };

  if (done) {
    return (
      <Page className="trips-signup">
        <Result signup={done.signup} message={done.message} />
      </Page>
    );
  }

  return (
    <Page className="trips-signup">
      <QueryView query={detail}>
        {({ trip }) => {
          const session = trip.sessions.find((s) => s.id === sessionId);
          return (
            <View className="trips-card trips-summary trips-signup__for">
              <Heading className="trips-card__title">{trip.title}</Heading>
              {session ? (
                <>
                  <View className="trips-card__line">{`${session.label}：${formatDateRange(session.departDate, session.returnDate)}`}</View>
                  <View className="trips-card__line">{`${formatDate(session.departDate)}出发 · ${trip.mode === 'lottery' ? '报名后抽签' : session.placesLeft > 0 ? `剩余 ${session.placesLeft} 个名额` : '名额已满，提交后进入候补'}`}</View>
                </>
              ) : (
                <View className="trips-card__line">没有找到这个期次，请返回重新选择。</View>
              )}
            </View>
          );
        }}
      </QueryView>
      <View className="hint">请填写出行期间的紧急联系人。您的姓名、手机号和所在工会按实名登记信息自动填写。</View>
      <Field label="紧急联系人姓名" {...form.field('emergencyName')} maxLength={20} placeholder="例如：李大明" />
      <Field label="紧急联系人手机号" type="number" {...form.field('emergencyPhone')} maxLength={11} placeholder="11 位手机号" />
      <View className="trips-label" {...a11y({ hidden: true })}>与本人关系</View>
      <Choice name="relation" label="与本人关系" options={RELATIONS} selected={[v.emergencyRelation]} onToggle={(r) => form.set('emergencyRelation', r)} />
      {signUp.fieldErrors.emergencyRelation ? <View className="field-error trips-err">{signUp.fieldErrors.emergencyRelation}</View> : null}
      <TextBox
        label="健康情况说明（可不填）"
        className="trips-signup__notes"
        value={v.healthNotes}
        onChange={(t) => form.set('healthNotes', t)}
        error={signUp.fieldErrors.healthNotes}
        maxLength={200}
        placeholder="如有慢性病、行动不便或饮食禁忌，请写在这里"
      />
      <Tick name="health" checked={v.healthDeclared} onChange={(c) => form.set('healthDeclared', c)}>本人身体状况适合参加本次疗休养，如有不适会及时告知工会</Tick>
      {signUp.fieldErrors.healthDeclared ? <View className="field-error trips-err">{signUp.fieldErrors.healthDeclared}</View> : null}
      <Tick name="agree" checked={v.agreed} onChange={(c) => form.set('agreed', c)}>我已阅读并同意报名须知：服从统一安排，不得转让名额，不能参加时在截止前取消</Tick>
      {signUp.fieldErrors.agreed ? <View className="field-error trips-err">{signUp.fieldErrors.agreed}</View> : null}
      <FormError message={signUp.formError} />
      <View className="actions">
        <Button type="primary" size="large" block loading={signUp.busy} className="trips-signup__submit" onClick={() => void submit()}>
          {signUp.busy ? '正在提交…' : '提交报名'}
        </Button>
      </View>
    </Page>
  );
}
