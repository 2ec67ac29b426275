/** Actions on one person in the staff member's subtree: grant or revoke a role, record a transfer or a death. */
import { useState } from 'react';
import { View } from '@tarojs/components';
import type { MeOutput, OrgSummary } from '../../../types/account.schema';
import { staffActions, type PersonRow } from '../../../types/staff.schema';
import { GRANTABLE_ROLES, ROLE_LABELS, type GrantableRole } from '../../../types/roles';
import { localDateOf } from '../../../types/time';
import { call, type ActionInput } from '../../services/cloud';
import { check, type FieldErrors } from '../../lib/form';
import { useMutation } from '../../lib/useMutation';
import { confirm, toast } from '../../lib/nav';
import { Field, FormError, TextBox } from '../../components/Field';
import { Choice } from '../../components/Choice';
import { OrgPicker } from '../../components/OrgPicker';
import { TabBar } from '../../components/TabBar';
import { Button } from '../../components/ui/Button';

type Mode = 'grant' | 'revoke' | 'transfer' | 'deceased';

const MODE_LABELS: Record<Mode, string> = {
  grant: '授予角色',
  revoke: '取消角色',
  transfer: '登记调动',
  deceased: '登记去世',
};

type Change =
  | { mode: 'grant'; data: ActionInput<'staff', 'grantRole'> }
  | { mode: 'revoke'; data: ActionInput<'staff', 'revokeRole'> }
  | { mode: 'transfer'; data: ActionInput<'staff', 'markTransfer'> }
  | { mode: 'deceased'; data: ActionInput<'staff', 'markDeceased'> };

function send(change: Change, requestId: string) {
  const opts = { requestId };
  switch (change.mode) {
    case 'grant':
      return call('staff', 'grantRole', change.data, opts);
    case 'revoke':
      return call('staff', 'revokeRole', change.data, opts);
    case 'transfer':
      return call('staff', 'markTransfer', change.data, opts);
    case 'deceased':
      return call('staff', 'markDeceased', change.data, opts);
  }
}

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
  const [date, setDate] = useState(() => localDateOf(Date.now()));
  const change = useMutation(send);
  const errors = change.fieldErrors;

  const scopeRoot: OrgSummary | null = me.staffScope
    ? { id: me.staffScope.orgId, name: me.staffScope.orgName, level: me.staffScope.level, parentId: null }
    : null;
  const held = GRANTABLE_ROLES.filter((r) => person.roles.includes(r));
  const grantable = GRANTABLE_ROLES.filter((r) => !person.roles.includes(r));
  const modes = (Object.keys(MODE_LABELS) as Mode[]).filter((m) => !(m === 'revoke' && held.length === 0) && !(m === 'grant' && grantable.length === 0));

  const open = (next: Mode) => {
    setMode(mode === next ? null : next);
    setRole('');
    setOrg(null);
    setHospitalId('');
    setReason('');
    change.reset();
  };

  /** The checked change, or null with the field errors shown. */
  const validate = (): Change | null => {
    let fieldErrors: FieldErrors;
    switch (mode) {
      case 'grant': {
        if (role === 'staff' && !org) {
          change.setFieldErrors({ orgId: '请选择该工作人员负责的工会' });
          return null;
        }
        const checked = check(staffActions.grantRole.input, {
          userId: person.userId,
          role,
          ...(role === 'staff' && org ? { orgId: org.id } : {}),
          ...(role === 'hospital_staff' ? { hospitalId: hospitalId.trim() } : {}),
        });
        if (checked.ok) return { mode, data: checked.data };
        fieldErrors = checked.errors;
        break;
      }
      case 'revoke': {
        const checked = check(staffActions.revokeRole.input, { userId: person.userId, role, ...(reason.trim() ? { reason } : {}) });
        if (checked.ok) return { mode, data: checked.data };
        fieldErrors = checked.errors;
        break;
      }
      case 'transfer': {
        const checked = check(staffActions.markTransfer.input, { userId: person.userId, toOrgId: org?.id ?? '', reason });
        if (checked.ok) return { mode, data: checked.data };
        fieldErrors = checked.errors;
        break;
      }
      case 'deceased': {
        const checked = check(staffActions.markDeceased.input, { userId: person.userId, date, ...(reason.trim() ? { reason } : {}) });
        if (checked.ok) return { mode, data: checked.data };
        fieldErrors = checked.errors;
        break;
      }
      default:
        return null;
    }
    if (fieldErrors.role) fieldErrors.role = '请选择角色';
    if (fieldErrors.toOrgId) fieldErrors.toOrgId = '请选择调入的基层工会';
    change.setFieldErrors(fieldErrors);
    return null;
  };

  const submit = async () => {
    const next = validate();
    if (!next || !mode) return;
    if ((mode === 'revoke' || mode === 'deceased' || mode === 'transfer') && !(await confirm(MODE_LABELS[mode], `确定为 ${person.nameMasked} ${MODE_LABELS[mode]}吗？此操作会被记录。`, '确定', '再想想'))) return;
    const r = await change.run(next);
    if (!r || !r.ok) return;
    // Into a union outside the caller's subtree, a move waits for the destination union to confirm it.
    const transfer = 'transfer' in r.data ? (r.data as { transfer: { status: string; statusText: string } }).transfer : null;
    toast(transfer && transfer.status !== 'done' ? `已提交调动申请，${transfer.statusText}` : `${MODE_LABELS[mode]}已完成`);
    onChanged(r.data);
    setMode(null);
  };

  const roleChoices = (mode === 'grant' ? grantable : held).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

  return (
    <View className="person-actions">
      {modes.length > 0 ? <TabBar tabs={modes.map((m) => [m, MODE_LABELS[m]] as const)} value={mode ?? ('' as Mode)} onChange={open} label={`为 ${person.nameMasked} 办理`} className="person-actions__buttons" /> : null}
      {mode === 'grant' || mode === 'revoke' ? (
        <View className="person-actions__radios">
          <Choice name="role" label="选择角色" options={roleChoices} selected={role ? [role] : []} onToggle={(r) => { setRole(r); change.clearFieldError('role'); }} />
          {errors.role ? <View className="field-error">{errors.role}</View> : null}
        </View>
      ) : null}
      {mode === 'grant' && role === 'staff' ? (
        <OrgPicker title="负责的工会" value={org} onChange={(o) => { setOrg(o); change.clearFieldError('orgId'); }} root={scopeRoot} selectable={['province', 'city', 'county', 'town', 'grassroots']} error={errors.orgId} />
      ) : null}
      {mode === 'grant' && role === 'hospital_staff' ? (
        <Field label="医院编号" name="hospitalId" value={hospitalId} onChange={(v) => { setHospitalId(v); change.clearFieldError('hospitalId'); }} error={errors.hospitalId} placeholder="合作医院的编号" />
      ) : null}
      {mode === 'transfer' ? <OrgPicker title="调入工会" value={org} onChange={(o) => { setOrg(o); change.clearFieldError('toOrgId'); }} error={errors.toOrgId} /> : null}
      {mode === 'deceased' ? (
        <Field label="去世日期" name="date" value={date} onChange={(v) => { setDate(v); change.clearFieldError('date'); }} error={errors.date} placeholder="年-月-日，例如 2026-01-01" />
      ) : null}
      {mode === 'revoke' || mode === 'transfer' || mode === 'deceased' ? (
        <TextBox
          label={mode === 'transfer' ? '调动原因（必填）' : '说明（选填）'}
          className="person-actions__textarea"
          value={reason}
          onChange={(v) => { setReason(v); change.clearFieldError('reason'); }}
          error={errors.reason}
          maxLength={200}
          placeholder="请简要说明"
        />
      ) : null}
      <FormError message={change.formError} />
      {mode ? (
        <View className="actions">
          <Button type="primary" block loading={change.busy} onClick={() => void submit()}>
            {`确认${MODE_LABELS[mode]}`}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
