/**
 * The 困难帮扶 application: kind, causes, status and income, household members, assets, 刚性支出, aid received, the
 * narrative, aid kinds, attachments by cause (what is still missing is shown), the declaration and the consent to an
 * income check (with the text's version). The per-capita income is computed live with the function's own rule.
 * Checked with caseForm (types/hardship.model.ts) before it is sent; drafts go through saveDraft. With `caseId` of a
 * returned case, the same form re-submits it with the missing documents added.
 */
import { View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import type { OrgSummary } from '../../../types/account.schema';
import { DOC_LABELS, caseForm, draftForm, memberRecord, type DocKind, type MemberRecord } from '../../../types/hardship.schema';
import { formatInstant } from '../../../types/time';
import { useQuery } from '../../lib/useQuery';
import { useMutation } from '../../lib/useMutation';
import { check } from '../../lib/form';
import { confirm, toast } from '../../lib/nav';
import { Field, FormError } from '../../components/Field';
import { Choice } from '../../components/Choice';
import { Heading } from '../../components/Heading';
import { OrgPicker } from '../../components/OrgPicker';
import { hasRole, useMe } from '../../services/me';
import { Button } from '../../components/ui/Button';
import { Page } from '../../components/Page';
import { ErrorState, LoadingState } from '../../components/PageState';
import { pickAndUpload } from '../lib/upload';
import { CaseFormFields, EMPTY, docsOf, fromDraft, toDraft, toForm, type Values } from '../lib/CaseForm';
import { PAGES } from '../lib/labels';
import '../lib/hardship.scss';

function ApplyForm({ caseId, status, initial, returnedReason, missingBefore }: { caseId?: string; status?: string; initial: Values; returnedReason?: string | null; missingBefore?: string[] }) {
  const resubmitting = status === 'returned';
  const [id, setId] = useState(caseId);
  const [v, setV] = useState<Values>(initial);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const [uploading, setUploading] = useState<DocKind | null>(null);
  const [uploadError, setUploadError] = useState<string | null>(null);
  const save = useMutation('hardship', 'saveDraft', { issuePrefix: 'form' });
  const file = useMutation('hardship', 'file', { issuePrefix: 'form' });
  const resubmit = useMutation('hardship', 'resubmit', { issuePrefix: 'form' });
  const submitting = resubmitting ? resubmit : file;
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const errors = { ...save.fieldErrors, ...submitting.fieldErrors, ...localErrors };
  // Grassroots (or other) staff may file on behalf of a member who has no phone: the member record goes with it.
  const me = useMe().me;
  const canBehalf = !id && !!me && hasRole(me, 'staff');
  const [forWhom, setForWhom] = useState<'self' | 'behalf'>('self');
  const [member, setMember] = useState({ name: '', idNumber: '', phone: '' });
  const [org, setOrg] = useState<OrgSummary | null>(null);
  const root: OrgSummary | null = me?.staffScope ? { id: me.staffScope.orgId, name: me.staffScope.orgName, level: me.staffScope.level, parentId: null } : null;
  const setM = (k: keyof typeof member, x: string) => {
    setMember((m) => ({ ...m, [k]: x }));
    setLocalErrors(({ [`member.${k}`]: _gone, ...rest }) => rest);
  };
  /** The member record when filing on behalf (undefined: for oneself); null when it has problems (shown on the fields). */
  const memberInput = (): MemberRecord | undefined | null => {
    if (!canBehalf || forWhom === 'self') return undefined;
    const checked = check(memberRecord, { name: member.name.trim(), idNumber: member.idNumber.trim().toUpperCase(), ...(member.phone.trim() ? { phone: member.phone.trim() } : {}), orgId: org?.id });
    if (checked.ok) return checked.data;
    setLocalErrors((e) => ({ ...e, ...Object.fromEntries(Object.entries(checked.errors).map(([k, x]) => [`member.${k}`, x])) }));
    toast('请填写代办职工的信息');
    return null;
  };

  const set = <K extends keyof Values>(k: K, x: Values[K]) => {
    setV((s) => ({ ...s, [k]: x }));
    setLocalErrors((e) => {
      const { [k]: _gone, ...rest } = e;
      return rest;
    });
    submitting.clearFieldError(k);
    save.clearFieldError(k);
  };

  const { missing } = docsOf(v);

  const upload = async (doc: DocKind) => {
    if (uploading) return;
    setUploadError(null);
    setUploading(doc);
    try {
      const up = await pickAndUpload('hardship_attachment');
      if (up) set('attachments', [...v.attachments, { fileId: up.fileId, doc, name: up.name }]);
    } catch (e) {
      setUploadError(e instanceof Error ? e.message : '上传失败，请重试');
    } finally {
      setUploading(null);
    }
  };

  const saveDraft = async () => {
    const checked = check(draftForm, toDraft(v));
    if (!checked.ok) return setLocalErrors(checked.errors);
    const m = memberInput();
    if (m === null) return;
    const r = await save.run({ ...(id ? { caseId: id } : {}), ...(m ? { member: m } : {}), form: checked.data });
    if (r?.ok) {
      setId(r.data.caseId);
      setSavedAt(r.data.savedAt);
      toast('草稿已保存');
    }
  };

  const submit = async () => {
    const checked = check(caseForm, toForm(v));
    if (!checked.ok) {
      setLocalErrors(checked.errors);
      toast('还有内容需要填写，请看红字提示');
      return;
    }
    if (missing.length > 0 && !(await confirm('材料还不齐', `还缺：${missing.map((d) => DOC_LABELS[d]).join('、')}。材料不齐可能被退回补充，仍要提交吗？`, '仍要提交', '去上传'))) return;
    const m = memberInput();
    if (m === null) return;
    const r = resubmitting && id ? await resubmit.run({ caseId: id, form: checked.data }) : await file.run({ ...(id ? { caseId: id } : {}), ...(m ? { member: m } : {}), form: checked.data });
    if (!r) return;
    if (r.ok) {
      toast(r.data.message);
      void Taro.redirectTo({ url: PAGES.detail(r.data.case.id) });
    }
  };

  return (
    <View className="hs-form hs-apply">
      {resubmitting ? (
        <View className="hs-notice hs-apply__returned">{`工会退回补充材料：${returnedReason ?? ''}${missingBefore?.length ? `（缺：${missingBefore.join('、')}）` : ''}。补充后请重新提交。`}</View>
      ) : null}
      {canBehalf ? (
        <View className="hs-apply__for">
          <Heading>为谁申请</Heading>
          <Choice name="forWhom" label="为谁申请" options={[{ value: 'self', label: '为本人申请' }, { value: 'behalf', label: '为职工代办' }] as const} selected={[forWhom]} onToggle={setForWhom} />
          {forWhom === 'behalf' ? (
            <View className="hs-apply__member">
              <View className="hint">职工本人没有手机或不便操作时，由工会代为填写。请核对身份证件。</View>
              <Field label="职工姓名" name="memberName" value={member.name} onChange={(x) => setM('name', x)} error={errors['member.name']} maxLength={20} />
              <Field label="身份证号" name="memberId" type="idcard" value={member.idNumber} onChange={(x) => setM('idNumber', x)} error={errors['member.idNumber']} maxLength={18} />
              <Field label="手机号（可不填）" name="memberPhone" type="number" value={member.phone} onChange={(x) => setM('phone', x)} error={errors['member.phone']} maxLength={11} />
              <OrgPicker title="职工所在基层工会" value={org} onChange={(o) => { setOrg(o); setLocalErrors(({ 'member.orgId': _g, ...rest }) => rest); }} root={root} selectable={['grassroots']} error={errors['member.orgId']} />
            </View>
          ) : null}
        </View>
      ) : null}
      <CaseFormFields v={v} set={set} errors={errors} uploading={uploading} uploadError={uploadError} upload={(doc) => void upload(doc)} />

      <FormError message={submitting.formError ?? save.formError} />
      {savedAt ? <View className="hint hs-apply__saved">{`草稿已保存（${formatInstant(savedAt)}）`}</View> : null}
      <View className="actions">
        <Button type="primary" size="large" block loading={submitting.busy} className="hs-apply__submit" onClick={() => void submit()}>
          {submitting.busy ? '正在提交…' : resubmitting ? '补充后重新提交' : '提交申请'}
        </Button>
        {!resubmitting ? (
          <Button size="large" block loading={save.busy} className="hs-apply__save" onClick={() => void saveDraft()}>
            保存草稿
          </Button>
        ) : null}
      </View>
    </View>
  );
}

export default function ApplyPage() {
  const { params } = useRouter();
  const caseId = params.caseId ?? '';
  const detail = useQuery('hardship', 'detail', { caseId }, { enabled: !!caseId, onShow: false });
  const initial = useRef<Values | null>(null);
  const [ready, setReady] = useState(!caseId);
  useEffect(() => {
    if (detail.status === 'ready' && !initial.current) {
      initial.current = fromDraft(detail.data.form, detail.data.files);
      setReady(true);
    }
  }, [detail.status, detail.data]);

  let body;
  if (!caseId) body = <ApplyForm initial={EMPTY} />;
  else if (ready && detail.data) {
    const d = detail.data;
    const lastReturn = d.timeline.filter((t) => t.why).slice(-1)[0];
    body = <ApplyForm caseId={caseId} status={d.status} initial={initial.current ?? EMPTY} returnedReason={lastReturn?.why} missingBefore={d.missingDocs.map((m) => m.label)} />;
  } else if (detail.status === 'error') body = <ErrorState error={detail.error} onRetry={() => void detail.reload()} />;
  else body = <LoadingState />;
  return (
    <Page className="hs-apply-page">
      <View className="hint">请如实填写，工会将入户核实。带红字提示的内容需要补全后才能提交，可以先保存草稿。</View>
      {body}
    </Page>
  );
}

