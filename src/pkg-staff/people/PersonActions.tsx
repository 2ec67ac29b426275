/** Actions on one person in the staff member's subtree: grant or revoke a role, record a transfer or a death. */
import { useRef, useState } from 'react';
import { View } from '@tarojs/components';
import dayjs from 'dayjs';
import type { MeOutput, OrgSummary } from '../../../types/account.schema';
import { staffActions, type PersonRow } from '../../../types/staff.schema';
import { GRANTABLE_ROLES, ROLE_LABELS, type GrantableRole } from '../../../types/roles';
import type { Result } from '../../../types/result';
import { call, newRequestId } from '../../services/cloud';
import { check, errorToFieldErrors, type FieldErrors } from '../../lib/form';
import { toast } from '../../lib/nav';
import { Field, FormError } from '../../components/Field';
import { OrgPicker } from '../../components/OrgPicker';
import { Button, Dialog, Radio, TextArea } from '../../components/ui';

type Mode = 'grant' | 'revoke' | 'transfer' | 'deceased';

const MODE_LABELS: Record<Mode, string> = {
  grant: '授予角色',
  revoke: '取消角色',
  transfer: '登记调动',
  deceased: '登记去世',
};

interface Props {
  me: MeOutput;
  person: PersonRow;
  onChanged: (row: PersonRow) => void;
}

export function PersonActions({ me, person, onChanged }: Props) {
  const [mode, setMode] = useState<Mode | null>(null);
  const [role, setRole] = useState<GrantableRole | ''>('');
  const [org, setOrg] = useState<OrgSummary | null>(null);
  const [hospitalId, setHospitalId] = useState('');
  const [reason, setReason] = useState('');
  const [date, setDate] = useState(dayjs().format('YYYY-MM-DD'));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const requestId = useRef(newRequestId());

  const scopeRoot: OrgSummary | null = me.staffScope
    ? { id: me.staffScope.orgId, name: me.staffScope.orgName, level: me.staffScope.level, parentId: null }
    : null;
  const held = GRANTABLE_ROLES.filter((r) => person.roles.includes(r));
  const grantable = GRANTABLE_ROLES.filter((r) => !person.roles.includes(r));

  const open = (next: Mode) => {
    setMode(mode === next ? null : next);
    setRole('');
    setOrg(null);
    setHospitalId('');
    setReason('');
    setErrors({});
    requestId.current = newRequestId();
  };

  /** Checks the form; destructive actions ask for confirmation first. */
  const validate = (): { run: () => Promise<Result<PersonRow>> } | null => {
    const opts = { requestId: requestId.current };
    let checked;
    switch (mode) {
      case 'grant': {
        const input = {
          userId: person.userId,
          role,
          ...(role === 'staff' && org ? { orgId: org.id } : {}),
          ...(role === 'hospital_staff' ? { hospitalId: hospitalId.trim() } : {}),
        };
        if (role === 'staff' && !org) {
          setErrors({ orgId: '请选择该工作人员负责的工会' });
          return null;
        }
        checked = check(staffActions.grantRole.input, input);
        if (!checked.ok) break;
        const data = checked.data;
        return { run: () => call('staff', 'grantRole', data, opts) };
      }
      case 'revoke': {
        checked = check(staffActions.revokeRole.input, { userId: person.userId, role, ...(reason.trim() ? { reason } : {}) });
        if (!checked.ok) break;
        const data = checked.data;
        return { run: () => call('staff', 'revokeRole', data, opts) };
      }
      case 'transfer': {
        checked = check(staffActions.markTransfer.input, { userId: person.userId, toOrgId: org?.id ?? '', reason });
        if (!checked.ok) break;
        const data = checked.data;
        // Into a union outside the caller's subtree, the move waits for the destination union to confirm it.
        return {
          run: async () => {
            const r = await call('staff', 'markTransfer', data, opts);
            if (!r.ok) return r;
            const { transfer, ...row } = r.data;
            if (transfer.status !== 'done') toast(`已提交调动申请，${transfer.statusText}`);
            return { ok: true, data: row };
          },
        };
      }
      case 'deceased': {
        checked = check(staffActions.markDeceased.input, { userId: person.userId, date, ...(reason.trim() ? { reason } : {}) });
        if (!checked.ok) break;
        const data = checked.data;
        return { run: () => call('staff', 'markDeceased', data, opts) };
      }
      default:
        return null;
    }
    const fieldErrors = checked.errors;
    if (fieldErrors.role) fieldErrors.role = '请选择角色';
    if (fieldErrors.toOrgId) fieldErrors.toOrgId = '请选择调入的基层工会';
    setErrors(fieldErrors);
    return null;
  };

  const submit = async () => {
    setConfirming(false);
    const action = validate();
    if (!action) return;
    setErrors({});
    setBusy(true);
    const r = await action.run();
    setBusy(false);
    if (!r.ok) return setErrors(errorToFieldErrors(r.error));
    toast(`${mode ? MODE_LABELS[mode] : ''}已完成`);
    onChanged(r.data);
    setMode(null);
    requestId.current = newRequestId();
  };

  const ask = () => {
    if (!validate()) return;
    if (mode === 'revoke' || mode === 'deceased' || mode === 'transfer') setConfirming(true);
    else void submit();
  };

  const roleChoices = mode === 'grant' ? grantable : held;

  return (
    <View className="person-actions">
      <View className="person-actions__buttons">
        {(Object.keys(MODE_LABELS) as Mode[]).map((m) => (
          <Button
            key={m}
            size="small"
            type={mode === m ? 'primary' : 'default'}
            className={`person-actions__${m}`}
            disabled={(m === 'revoke' && held.length === 0) || (m === 'grant' && grantable.length === 0)}
            onClick={() => open(m)}
          >
            {MODE_LABELS[m]}
          </Button>
        ))}
      </View>
      {mode === 'grant' || mode === 'revoke' ? (
        <View className="person-actions__radios">
          <View className="field__label">选择角色</View>
          <Radio.Group value={role} onChange={(v) => setRole(v as GrantableRole)}>
            {roleChoices.map((r) => (
              <Radio key={r} value={r}>
                {ROLE_LABELS[r]}
              </Radio>
            ))}
          </Radio.Group>
          {errors.role ? <View className="field-error">{errors.role}</View> : null}
        </View>
      ) : null}
      {mode === 'grant' && role === 'staff' ? (
        <OrgPicker
          title="负责的工会"
          value={org}
          onChange={setOrg}
          root={scopeRoot}
          selectable={['province', 'city', 'county', 'town', 'grassroots']}
          error={errors.orgId}
        />
      ) : null}
      {mode === 'grant' && role === 'hospital_staff' ? (
        <Field label="医院编号" name="hospitalId" value={hospitalId} onChange={setHospitalId} error={errors.hospitalId} placeholder="合作医院的编号" />
      ) : null}
      {mode === 'transfer' ? <OrgPicker title="调入工会" value={org} onChange={setOrg} error={errors.toOrgId} /> : null}
      {mode === 'deceased' ? (
        <Field label="去世日期" name="date" value={date} onChange={setDate} error={errors.date} placeholder="年-月-日，例如 2026-01-01" />
      ) : null}
      {mode === 'revoke' || mode === 'transfer' || mode === 'deceased' ? (
        <View>
          <View className="field__label person-actions__radios">{mode === 'transfer' ? '调动原因（必填）' : '说明（选填）'}</View>
          <TextArea className="textarea-box person-actions__textarea" value={reason} onChange={(v: string) => setReason(v)} maxLength={200} placeholder="请简要说明" />
          {errors.reason ? <View className="field-error person-actions__radios">{errors.reason}</View> : null}
        </View>
      ) : null}
      <FormError message={errors._form} />
      {mode ? (
        <View className="actions">
          <Button type="primary" block loading={busy} disabled={busy} onClick={ask}>
            {`确认${MODE_LABELS[mode]}`}
          </Button>
        </View>
      ) : null}
      <Dialog
        visible={confirming}
        title={mode ? MODE_LABELS[mode] : ''}
        content={`确定为 ${person.nameMasked} ${mode ? MODE_LABELS[mode] : ''}吗？此操作会被记录。`}
        confirmText="确定"
        cancelText="再想想"
        onConfirm={() => void submit()}
        onCancel={() => setConfirming(false)}
      />
    </View>
  );
}
