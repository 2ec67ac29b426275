/**
 * Payments, recorded in batches by the deciding org (or one above it): each case's payment is its own workflow move
 * (payee, amount, date, method, voucher number and the batch in the same conditional update as the status), so a batch
 * cut short by a crash leaves every case either paid once or still to pay, and the retry with the same requestId pays
 * the rest and recognises the ones already paid. The finance office gets an Excel list; totals by union, aid kind and
 * month.
 */
import { createHash } from 'node:crypto';
import { AID_KIND_LABELS, CATEGORY_LABELS, PAY_METHOD_LABELS } from '../../../types/hardship.model';
import { caseWorkflow } from '../../../types/hardship.workflow';
import { formatDate, formatMonth, localDateOf, localYearOf } from '../../../types/time';
import type { Input, MemberContext } from '../../core/context';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import type { DocValue, Filter } from '../../core/store/port';
import { sheetFile } from '../../core/sheets';
import { scopeFilter } from '../../core/users';
import { authorize, move } from '../../core/workflow';
import { C, type CaseDoc, getCase, type Payment } from './model';
import { notify } from './notify';
import { didThis } from './review';
import { stepTextOf } from './views';

export async function recordPayments(ctx: MemberContext, input: Input<'hardship', 'recordPayments'>) {
  const batch = ctx.requestId ? `pb_${createHash('sha256').update(`${ctx.caller.user._id}\u0000${ctx.requestId}`).digest('hex').slice(0, 16)}` : newId('pb', 16);
  const seen = new Set<string>();
  const cases: CaseDoc[] = [];
  // Everything is checked before anything is paid: a batch with one wrong line pays nothing.
  for (const [i, p] of input.payments.entries()) {
    if (seen.has(p.caseId)) throw new AppError('validation', '同一份申请在这批中登记了两次', [{ path: ['payments', i, 'caseId'], message: '重复登记' }]);
    seen.add(p.caseId);
    const c = await getCase(ctx, p.caseId);
    cases.push(c);
    if (didThis(c, ctx, 'pay')) continue;
    await authorize(ctx, caseWorkflow, c, 'pay');
    if (c.status !== 'paying') throw new AppError('wrong_state', `${c.caseNo}是“${stepTextOf(c)}”，不在待发放名单中`, [{ path: ['payments', i, 'caseId'], message: '不在待发放名单中' }]);
    if (Math.abs(p.amount - (c.totalAmount ?? 0)) > 0.005) {
      throw new AppError('hardship.amount_mismatch', `${c.caseNo}批准金额 ${c.totalAmount ?? 0} 元，登记的是 ${p.amount} 元，请核对`, [{ path: ['payments', i, 'amount'], message: `批准金额 ${c.totalAmount ?? 0} 元` }]);
    }
  }
  const items: { caseId: string; status: CaseDoc['status'] }[] = [];
  let paid = 0;
  for (const [i, p] of input.payments.entries()) {
    const c = cases[i];
    if (didThis(c, ctx, 'pay')) {
      items.push({ caseId: c._id, status: c.status });
      continue;
    }
    const payment: Payment = { payee: p.payee, amount: p.amount, paidOn: p.paidOn, method: p.method, voucherNo: p.voucherNo, batch, byUserId: ctx.caller.user._id, at: ctx.now.toISOString() };
    const after = await move(ctx, caseWorkflow, C.cases, c, 'pay', {
      set: { payment: payment as unknown as DocValue, paidAt: ctx.now.toISOString() },
      summary: `发放救助金 ${p.amount} 元（${PAY_METHOD_LABELS[p.method]}，凭证 ${p.voucherNo}，批次 ${batch}）`,
      notify: notify.paid(c, p.amount, p.paidOn),
    });
    items.push({ caseId: after._id, status: after.status });
    paid++;
  }
  return { batch, paid, items };
}

function payScope(ctx: MemberContext): Filter {
  return scopeFilter(ctx.caller, 'decidingOrgPath');
}

export async function paymentList(ctx: MemberContext) {
  const due = await ctx.store.find<CaseDoc>(C.cases, { ...payScope(ctx), status: 'paying' }, { sort: { decidedAt: 1 }, limit: 1000 });
  return sheetFile(ctx, {
    fileName: `困难帮扶待发放名单-${localDateOf(ctx.now)}.xlsx`,
    sheetName: '待发放名单',
    columns: [
      { header: '序号', key: 'n', width: 6 },
      { header: '申请编号', key: 'caseNo', width: 18 },
      { header: '姓名', key: 'name', width: 10 },
      { header: '身份证后四位', key: 'idLast4', width: 12 },
      { header: '所在工会', key: 'orgName', width: 28 },
      { header: '困难类别', key: 'category', width: 10 },
      { header: '救助项目', key: 'aidKinds', width: 20 },
      { header: '批准金额（元）', key: 'amount', width: 14 },
      { header: '批准日期', key: 'decidedOn', width: 14 },
      { header: '公示截止', key: 'noticeUntil', width: 14 },
      { header: '收款人', key: 'payee', width: 10 },
      { header: '凭证号', key: 'voucherNo', width: 14 },
    ],
    rows: due.map((c, i) => ({
      n: i + 1,
      caseNo: c.caseNo,
      name: c.name,
      idLast4: c.idLast4,
      orgName: c.orgName,
      category: c.category ? CATEGORY_LABELS[c.category] : '',
      aidKinds: c.awards.map((a) => `${AID_KIND_LABELS[a.aidKind]} ${a.amount}`).join('；'),
      amount: c.totalAmount ?? 0,
      decidedOn: c.decidedAt ? formatDate(c.decidedAt) : '',
      noticeUntil: formatDate(c.noticeUntil),
      payee: '',
      voucherNo: '',
    })),
  });
}

export async function paymentTotals(ctx: MemberContext, input: Input<'hardship', 'paymentTotals'>) {
  const year = input.year ?? localYearOf(ctx.now);
  const docs = await ctx.store.find<CaseDoc>(C.cases, { ...payScope(ctx), status: { $in: ['paid', 'archived', 'closed'] } }, { limit: 1000 });
  const paid = docs.filter((c) => c.payment && c.payment.paidOn.startsWith(String(year)));
  const sum = (entries: [string, number][]) => {
    const m = new Map<string, { amount: number; count: number }>();
    for (const [k, amount] of entries) {
      const e = m.get(k) ?? { amount: 0, count: 0 };
      e.amount = Math.round((e.amount + amount) * 100) / 100;
      e.count++;
      m.set(k, e);
    }
    return [...m].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.amount - a.amount);
  };
  const byOrg = sum(paid.map((c) => [c.orgName, c.payment!.amount]));
  const byAidKind = sum(paid.flatMap((c) => c.awards.map((a): [string, number] => [AID_KIND_LABELS[a.aidKind], a.amount])));
  const byMonth = sum(paid.map((c) => [c.payment!.paidOn.slice(0, 7), c.payment!.amount]))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((m) => ({ ...m, name: formatMonth(m.name) }));
  const total = Math.round(paid.reduce((s, c) => s + c.payment!.amount, 0) * 100) / 100;
  return { year, total, count: paid.length, byOrg, byAidKind, byMonth };
}
