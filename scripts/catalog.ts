/** The catalog of every function and action, with allowed roles and JSON Schemas generated from the zod schemas. */
import { z } from 'zod';
import type { ActionSpec } from '../types/contract';
import { registry } from '../types/registry';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): unknown {
  try {
    return z.toJSONSchema(schema, { io, unrepresentable: 'any' });
  } catch {
    return {};
  }
}

export function buildCatalog() {
  return {
    functions: Object.entries(registry).map(([name, actions]) => ({
      name,
      actions: Object.entries(actions as Record<string, ActionSpec>).map(([action, spec]) => ({
        action,
        summary: spec.summary,
        access: spec.access,
        mutates: spec.mutates,
        input: jsonSchema(spec.input, 'input'),
        output: jsonSchema(spec.output, 'output'),
        example: spec.example,
      })),
    })),
  };
}
