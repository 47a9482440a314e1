import type { FastifyInstance } from 'fastify';
import type { JournalEvent } from '../../journal/index.ts';
import type { HttpDeps } from '../context.ts';
import { MQTT_CLIENT_API, registerApiDiscovery } from './apidiscovery-cgi.ts';
import { registerBasicDeviceInfo } from './basicdeviceinfo-cgi.ts';
import { registerAxisMqtt } from '../axis-mqtt/index.ts';
import { registerImageCgi } from './image-cgi.ts';
import { registerIoCgis } from './io-cgi.ts';
import { registerParamCgi } from './param-cgi.ts';
import { registerPortManagement } from './portmanagement-cgi.ts';
import { OutputSequencer } from './sequencer.ts';
import type { VapixContext } from './vapix-context.ts';

export { API_LIST, type ApiEntry } from './apidiscovery-cgi.ts';
export { DEVICE_DEFAULTS, SERIAL_PATTERN, resolveIdentity, type DeviceConfig, type DeviceIdentity } from './identity.ts';
// The JSON CGI envelope and Axis's error tables, for other Axis JSON APIs (e.g. the MQTT client API).
export { registerJsonCgi, type JsonApi, type JsonCall, type JsonMethod } from './json-cgi.ts';
export { AxisJsonError, DISCOVERY_ERRORS, PORT_MANAGEMENT_ERRORS, type ErrorTable } from './json-errors.ts';

/**
 * The Axis VAPIX face: port.cgi, input.cgi, output.cgi, param.cgi, image.cgi, apidiscovery.cgi,
 * basicdeviceinfo.cgi and portmanagement.cgi, so VMS software and Home Assistant's Axis
 * integration drive auxio as an Axis device. Registered in its own plugin scope: param.cgi bodies
 * are URL-encoded whatever their label and JSON CGIs answer bad JSON with Axis codes, so this scope
 * reads every body as text, and the JSON API's parsers elsewhere stay as they are.
 * @example registerVapix(app, deps)
 */
export function registerVapix(app: FastifyInstance, deps: HttpDeps): void {
  const ctx = createContext(deps);
  const unsubscribe = deps.journal.subscribe('vapix-sequences', cancelOnOtherCommands(ctx));
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));
    registerIoCgis(scope, ctx);
    registerParamCgi(scope, ctx);
    registerImageCgi(scope, ctx);
    registerApiDiscovery(scope, () => (deps.axisMqtt.bridge?.listed() ? [MQTT_CLIENT_API] : []));
    registerAxisMqtt(scope, deps.axisMqtt);
    registerBasicDeviceInfo(scope, ctx.identity);
    registerPortManagement(scope, ctx);
  });
  app.addHook('onClose', async () => {
    unsubscribe();
    ctx.sequencer.stopAll();
  });
}

/** The config's optional `device:` section (identity overrides); absent, the defaults in identity.ts apply. */
function createContext(deps: HttpDeps): VapixContext {
  const { config, hub, journal, snapshots, log } = deps;
  return {
    relay: hub,
    inputs: hub,
    channels: hub,
    snapshots,
    identity: deps.identity,
    sequencer: new OutputSequencer(hub, log),
    image: {
      source: config.snapshot.default_source ?? config.snapshot.sources[0]?.name ?? 'synthetic',
      width: config.snapshot.width,
      height: config.snapshot.height,
    },
    log,
  };
}

/**
 * A relay command from anywhere else (relayon.txt, the JSON API, a script, MQTT) is a newer command
 * too: it ends a VAPIX sequence on that output. VAPIX commands cancel by themselves, and a pulse
 * ending (`pulse`) is part of the sequence, so neither counts here.
 */
function cancelOnOtherCommands(ctx: VapixContext) {
  return (event: JournalEvent): void => {
    if (event.kind !== 'output' || !event.actor || event.actor === 'pulse' || event.actor.startsWith('vapix:')) return;
    const index = Number(event.channel?.replace(/^\D+/, ''));
    if (Number.isInteger(index)) ctx.sequencer.cancel(index);
  };
}
