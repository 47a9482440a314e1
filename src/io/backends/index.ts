export { SimBackend, isSimulator, type SimulatorControl, type PulseTrain } from './sim.ts';
export { createBackend, type BackendSpec } from './create.ts';
