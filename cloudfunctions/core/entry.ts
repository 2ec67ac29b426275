/**
 * What every deployable function's index.ts calls: `export const main = cloudFunction('account', handlers)`.
 * In production the runtime is built lazily, once per instance, from the CloudBase platform module; the local
 * server and tests install their own runtime with setRuntime before calling `main`.
 */
import type { FunctionName, Registry } from '../../types/registry';
import { setRuntimeFactory } from './runtime';
import { createFunction, type Handlers } from './wrapper';
import { productionRuntime } from './platform/production';

export function cloudFunction<F extends FunctionName>(name: F, actions: Registry[F], handlers: Handlers<F>) {
  setRuntimeFactory(productionRuntime);
  return createFunction(name, actions, handlers);
}
