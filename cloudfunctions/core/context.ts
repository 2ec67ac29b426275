/**
 * What a handler receives besides its parsed input: the caller, the store, the clock and the runtime. Role-gated
 * actions get a `MemberContext`, whose caller is a registered person (the wrapper has already checked it), so
 * domain code never re-checks registration.
 */
import type { ActionSpec, OutputOf, ParsedInputOf } from '../../types/contract';
import type { ActionName, FunctionName, Registry } from '../../types/registry';
import type { Role } from '../../types/roles';
import type { Runtime } from './runtime';
import type { Store } from './store/port';
import type { Caller, UserDoc } from './users';

export interface HandlerContext {
  caller: Caller;
  store: Store;
  now: Date;
  runtime: Runtime;
  fn: string;
  action: string;
  requestId?: string;
  /** This call takes over the request of a call that died part-way: some or all of its change may have landed. */
  retry?: boolean;
  /** When the request was first attempted (the moment a person acted: a retry judges time-bound things by it). */
  requestedAt?: Date;
  /** Ids of the notices this call wrote: the wrapper sends them promptly once the call has answered (core/sender.ts). */
  outbox?: string[];
}

/** A registered caller: what every role-gated action runs with. */
export interface MemberCaller extends Caller {
  openid: string;
  user: UserDoc;
}

export interface MemberContext extends HandlerContext {
  caller: MemberCaller;
}

/** The parsed input and the output of a registry action: what domain functions take and return. */
export type Input<F extends FunctionName, A extends ActionName<F>> = ParsedInputOf<Registry[F][A]>;
export type Output<F extends FunctionName, A extends ActionName<F>> = OutputOf<Registry[F][A]>;

/** The context an action's handler gets: a MemberContext when its access is a list of roles. */
export type ContextOf<S> = S extends { access: readonly Role[] } ? MemberContext : HandlerContext;

export type Handler<S> = (input: ParsedInputOf<S>, ctx: ContextOf<S>) => Promise<OutputOf<S>>;

export type Handlers<F extends FunctionName> = { [A in ActionName<F>]: Handler<Registry[F][A]> };

export type AnySpec = ActionSpec;
