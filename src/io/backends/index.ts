export { SimBackend, isSimulator, type SimulatorControl, type PulseTrain } from './sim.ts';
export { createBackend } from './create.ts';
export { BackendFaultError, isBackendFault } from './backend-fault.ts';
