export { IoHub, type IoHubOptions, type PinBinding } from './hub.ts';
export type { IoBackend, IoBackendEvents, RawLevelChange } from './backend.ts';
export type { ChannelConfigurator, ChannelSettings, InputReader, InputState, IntervalReport, OutputState, RelayControl } from './channels.ts';
export { inputId, outputId } from './channels.ts';
export { formatInputTxt } from './input-interval.ts';
export { createBackend, isBackendFault, isSimulator, SimBackend, type SimulatorControl, type PulseTrain } from './backends/index.ts';
export { buildHub } from './build-hub.ts';
