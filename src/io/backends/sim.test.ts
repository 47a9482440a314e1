import { SimBackend } from './sim.ts';
import { backendContract } from './backend.contract.ts';

backendContract({
  name: 'sim',
  settleMs: 30,
  faultMs: 0,
  skip: {
    fault: 'the simulator has no hardware to lose',
    // sim.ts keeps the wire inside the backend and drops setLevel while stopped (its #running check).
    rereadAfterStop: 'the simulated wire is the backend itself: a level set while stopped is not kept',
  },
  create: async (initial) => {
    const backend = new SimBackend({ inputs: 2, outputs: 2, initialLevels: initial });
    return {
      backend,
      setInput: (input, level) => backend.setLevel(input, level),
      outputLevel: async (output) => backend.outputLevels()[output]!,
      loseHardware: async () => {},
      restoreHardware: async () => {},
      // The simulator opens nothing, so nothing can be left open.
      leftovers: async () => [],
      close: () => backend.stop(),
    };
  },
});
