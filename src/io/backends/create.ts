import type { IoBackend } from '../backend.ts';
import { SimBackend } from './sim.ts';

export interface BackendSpec {
  kind: 'sim';
  inputs: number;
  outputs: number;
}

/** Builds the configured backend; each kind is loaded only when it is configured. */
export async function createBackend(spec: BackendSpec): Promise<IoBackend> {
  switch (spec.kind) {
    case 'sim':
      return new SimBackend({ inputs: spec.inputs, outputs: spec.outputs });
  }
}
