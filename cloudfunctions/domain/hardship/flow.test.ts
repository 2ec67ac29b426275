/**
 * The case lifecycle's "who", event by event: for a case about a worker, filed on her behalf by her grassroots union
 * and now at the town's review (decided, when it is, by the county), which callers may fire each event. The engine's
 * answer (core/workflow.ts `mayFire`) is what every action asks before its own checks.
 */
import { caseWorkflow, type CaseEvent } from '../../../types/hardship.workflow';
import { orgDocs } from '../../../scripts/seed/core';
import type { Caller, OrgDoc, UserDoc } from '../../core/users';
import { mayFire, type WorkflowFields } from '../../core/workflow';

const orgs = new Map<string, OrgDoc>(orgDocs().map((o) => [o._id, o]));
const path = (id: string) => orgs.get(id)!.path;

function caller(name: string, roles: UserDoc['roles'], staffOrgId: string | null): Caller {
  const user = { _id: `u_${name}`, roles, staffOrgId, orgPath: path('gu_js_dongyun_coop') } as unknown as UserDoc;
  return { openid: name, user, roles, staffOrg: staffOrgId ? orgs.get(staffOrgId)! : null };
}

const CALLERS: Record<string, Caller> = {
  person: caller('person', ['worker'], null),
  filer: caller('filer', ['worker', 'staff'], 'gu_js_dongyun_coop'),
  town: caller('town', ['worker', 'staff'], 'org_jx_js_dy'),
  otherTown: caller('otherTown', ['worker', 'staff'], 'org_jx_js_lx'),
  county: caller('county', ['worker', 'staff'], 'org_jx_js'),
  city: caller('city', ['worker', 'staff'], 'org_jx'),
  otherCounty: caller('otherCounty', ['worker', 'staff'], 'org_jx_hn'),
  admin: caller('admin', ['worker', 'admin'], null),
};

const KEEPERS = ['filer', 'town', 'county', 'city', 'admin'];
const AT_STEP = ['town', 'admin'];
const WHO: Record<CaseEvent, string[]> = {
  save: ['filer'],
  file: ['filer'],
  dispatch: ['town', 'county', 'city', 'admin'],
  open_recheck: KEEPERS,
  withdraw: ['filer'],
  verify: AT_STEP,
  forward: AT_STEP,
  send_back: AT_STEP,
  return: AT_STEP,
  resubmit: ['filer'],
  decide: AT_STEP,
  conclude: AT_STEP,
  reject: AT_STEP,
  remind: ['town', 'county', 'city', 'admin'],
  object: [],
  notice_end: [],
  pay: ['county', 'city', 'admin'],
  archive: KEEPERS,
  close: KEEPERS,
};

function record(status: string): WorkflowFields & Record<string, unknown> {
  return {
    _id: 'hc_flow',
    status,
    version: 3,
    history: [],
    updatedAt: '',
    userId: 'u_person',
    filerId: 'u_filer',
    orgPath: path('gu_js_dongyun_coop'),
    stepOrgId: 'org_jx_js_dy',
    stepOrgPath: path('org_jx_js_dy'),
    decidingOrgPath: path('org_jx_js'),
  };
}

describe('hardship case: who may fire each event', () => {
  it('lists every event', () => expect(Object.keys(WHO).sort()).toEqual(Object.keys(caseWorkflow.events).sort()));
  it.each(Object.entries(WHO))('%s → %j', (event, who) => {
    const spec = caseWorkflow.events[event as CaseEvent];
    const allowed = Object.entries(CALLERS)
      .filter(([, c]) => mayFire(c, caseWorkflow, record(spec.from[0]) as never, event as CaseEvent))
      .map(([name]) => name);
    expect(allowed).toEqual(who);
  });
  it('nobody fires a staff event on a case about themselves', () => {
    const own = { ...record('reviewing'), userId: 'u_town' };
    expect(mayFire(CALLERS.town, caseWorkflow, own as never, 'forward')).toBe(false);
    expect(mayFire(CALLERS.town, caseWorkflow, record('reviewing') as never, 'forward')).toBe(true);
  });
  it('no event leaves a state it does not list', () => {
    expect(mayFire(CALLERS.town, caseWorkflow, record('notice') as never, 'forward')).toBe(false);
    expect(mayFire(CALLERS.county, caseWorkflow, record('reviewing') as never, 'pay')).toBe(false);
  });
});
