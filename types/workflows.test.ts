/**
 * Every declared workflow, checked as a table: each event's from-states and to-state are listed here, so a change to
 * a lifecycle is a visible change to this test; and the shape is sound (states reachable, terminal states final,
 * every event has someone who may fire it). Statuses change only through these tables (cloudfunctions/core/workflow.ts).
 */
import { cardWorkflow } from './greencard.workflow';
import { caseWorkflow } from './hardship.workflow';
import { signupWorkflow, tripWorkflow } from './trips.workflow';
import { type WorkflowSpec, eventsFrom, mainRoad } from './workflow';
import { wishWorkflow } from './wishes.workflow';

const TABLES: [string, WorkflowSpec, Record<string, [string[], string]>][] = [
  ['trip sign-up', signupWorkflow as unknown as WorkflowSpec, {
    place: [['none', 'placing', 'cancelled', 'rejected', 'declined', 'offer_expired'], 'confirmed'],
    place_for_review: [['none', 'placing', 'cancelled', 'rejected', 'declined', 'offer_expired'], 'pending_review'],
    wait: [['none', 'placing', 'cancelled', 'rejected', 'declined', 'offer_expired'], 'waiting'],
    apply: [['none', 'placing', 'cancelled', 'rejected', 'declined', 'offer_expired'], 'applied'],
    win: [['applied'], 'confirmed'],
    win_for_review: [['applied'], 'pending_review'],
    lose: [['applied'], 'waiting'],
    approve: [['pending_review'], 'confirmed'],
    reject: [['pending_review'], 'rejected'],
    offer: [['waiting'], 'offered'],
    accept: [['offered'], 'confirmed'],
    accept_for_review: [['offered'], 'pending_review'],
    decline: [['offered'], 'declined'],
    expire: [['offered'], 'offer_expired'],
    cancel: [['applied', 'pending_review', 'confirmed', 'waiting', 'offered'], 'cancelled'],
    check_in: [['confirmed'], 'attended'],
  }],
  ['trip', tripWorkflow as unknown as WorkflowSpec, {
    publish: [['draft'], 'published'],
    close: [['published'], 'closed'],
  }],
  ['green card', cardWorkflow as unknown as WorkflowSpec, {
    approve: [['pending'], 'active'],
    reject: [['pending'], 'rejected'],
    renew: [['active'], 'active'],
    suspend: [['active'], 'suspended'],
    reinstate: [['suspended'], 'active'],
    revoke: [['active', 'suspended'], 'revoked'],
  }],
  ['hardship case', caseWorkflow as unknown as WorkflowSpec, {
    save: [['none', 'draft'], 'draft'],
    file: [['none', 'draft'], 'reviewing'],
    dispatch: [['none'], 'reviewing'],
    open_recheck: [['none'], 'reviewing'],
    withdraw: [['draft', 'reviewing', 'returned'], 'withdrawn'],
    verify: [['reviewing'], 'reviewing'],
    forward: [['reviewing'], 'reviewing'],
    send_back: [['reviewing'], 'reviewing'],
    return: [['reviewing'], 'returned'],
    resubmit: [['returned'], 'reviewing'],
    decide: [['reviewing'], 'notice'],
    conclude: [['reviewing'], 'concluded'],
    reject: [['reviewing'], 'rejected'],
    remind: [['reviewing'], 'reviewing'],
    object: [['notice'], 'reviewing'],
    notice_end: [['notice'], 'paying'],
    pay: [['paying'], 'paid'],
    archive: [['paid'], 'archived'],
    close: [['paid'], 'closed'],
  }],
  ['wish', wishWorkflow as unknown as WorkflowSpec, {
    submit: [['none'], 'submitted'],
    resubmit: [['returned'], 'submitted'],
    approve: [['submitted'], 'published'],
    return: [['submitted'], 'returned'],
    reject: [['submitted'], 'rejected'],
    claim: [['published'], 'claimed'],
    give_back: [['claimed'], 'published'],
    release: [['claimed'], 'published'],
    deliver: [['claimed'], 'delivered'],
    confirm: [['delivered'], 'completed'],
    dispute: [['delivered'], 'claimed'],
    fulfil: [['published'], 'completed'],
    withdraw: [['submitted', 'returned', 'published'], 'withdrawn'],
    thank: [['completed'], 'completed'],
  }],
];

describe.each(TABLES)('workflow: %s', (_name, wf, table) => {
  it('declares exactly the moves listed here', () => {
    const declared = Object.fromEntries(Object.entries(wf.events).map(([e, spec]) => [e, [[...spec.from], spec.to]]));
    expect(declared).toEqual(table);
  });

  it('has a sound shape', () => {
    const states = Object.keys(wf.states);
    for (const [event, spec] of Object.entries(wf.events)) {
      expect({ event, who: spec.who.length > 0 }).toEqual({ event, who: true });
      for (const s of [...spec.from, spec.to]) expect(states).toContain(s);
    }
    for (const [state, spec] of Object.entries(wf.states)) {
      if (spec.terminal) expect({ state, exits: eventsFrom(wf, state) }).toEqual({ state, exits: [] });
      const reachable = wf.initial.includes(state) || Object.values(wf.events).some((e) => e.to === state);
      expect({ state, reachable: reachable || state === 'placing' }).toEqual({ state, reachable: true });
    }
    expect(mainRoad(wf).length).toBeGreaterThan(1);
  });
});
