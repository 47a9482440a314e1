import type { FastifyBaseLogger } from 'fastify';
import type { ChannelConfigurator, InputReader, RelayControl } from '../../io/index.ts';
import type { Snapshot, SnapshotRequest } from '../../snapshot/index.ts';
import type { DeviceIdentity } from './identity.ts';
import type { OutputSequencer } from './sequencer.ts';
import { listPorts, type Port } from './ports.ts';

/** The camera image.cgi serves: the default snapshot source and its configured size. */
export interface ImageInfo {
  source: string;
  width: number;
  height: number;
}

/** The narrow capabilities the VAPIX face is handed: one typed object, built once in `registerVapix`. */
export interface VapixContext {
  relay: RelayControl;
  inputs: InputReader;
  channels: ChannelConfigurator;
  snapshots: { capture(request: SnapshotRequest & { source?: string }): Promise<Snapshot> };
  identity: DeviceIdentity;
  sequencer: OutputSequencer;
  image: ImageInfo;
  log: FastifyBaseLogger;
}

/** Every port as it is now. */
export function currentPorts(ctx: Pick<VapixContext, 'inputs' | 'relay'>): Port[] {
  return listPorts(ctx.inputs.inputs(), ctx.relay.outputs());
}
