import type { FastifyInstance } from 'fastify';
import { registerJsonCgi, type JsonCall } from './json-cgi.ts';
import { AxisJsonError, DISCOVERY_ERRORS } from './json-errors.ts';

/** One API as getApiList lists it. */
export interface ApiEntry {
  id: string;
  version: string;
  name: string;
  docLink: string;
  /** Real devices send `official`, not the documented `released` (docs/vapix.md §4.1). */
  status: 'official';
}

const DOC = 'https://developer.axis.com/vapix/';

/**
 * Every API auxio serves. Each id listed makes the axis library call that API and read its fields
 * strictly, so list an API only once it works (AXIS-EVENTS.md); add its row in the same change.
 * Names are the ones real devices send.
 */
export const API_LIST: readonly ApiEntry[] = [
  { id: 'api-discovery', version: '1.0', name: 'API Discovery Service', docLink: `${DOC}network-video/api-discovery-service`, status: 'official' },
  { id: 'basic-device-info', version: '1.1', name: 'Basic Device Information', docLink: `${DOC}network-video/basic-device-information`, status: 'official' },
  { id: 'io-port-management', version: '1.0', name: 'IO Port Management', docLink: `${DOC}network-video/io-port-management`, status: 'official' },
  { id: 'param-cgi', version: '1.0', name: 'Legacy Parameter Handling', docLink: `${DOC}network-video/parameter-management`, status: 'official' },
  // Served by src/http/axis-events (wssession.cgi and /vapix/ws-data-stream).
  {
    id: 'event-streaming-over-websocket',
    version: '1.0',
    name: 'Event streaming over WebSocket',
    docLink: `${DOC}network-video/event-streaming-over-websocket`,
    status: 'official',
  },
];

/** Listed only while the Axis MQTT client is enabled and connected: a listed id makes clients call it. */
export const MQTT_CLIENT_API: ApiEntry = {
  id: 'mqtt-client',
  version: '1.0',
  name: 'MQTT Client API',
  docLink: `${DOC}network-video/mqtt-client-api`,
  status: 'official',
};

const VERSIONS = ['1.0'] as const;

/** Axis's `params.id` / `params.version` filters: GLOB patterns with `*` and `?`; no match is an empty list. */
function globFilter(pattern: unknown, name: string): ((text: string) => boolean) | null {
  if (pattern === undefined) return null;
  if (typeof pattern !== 'string') throw new AxisJsonError(DISCOVERY_ERRORS.invalid, `'${name}' must be a string`);
  return (text) => globMatches(pattern, text);
}

/**
 * Whether `text` matches a glob: `*` any run, `?` any one character, the rest itself. A mismatch
 * goes back only to the last `*`, so the work is at most pattern × text: a regex of `.*` runs
 * backtracks exponentially, and a 60-byte `*?*?…!` held the server for minutes.
 */
export function globMatches(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  // The last `*` seen, and where in `text` its run currently ends.
  let star = -1;
  let starEnd = 0;
  while (t < text.length) {
    if (pattern[p] === '*') {
      star = p++;
      starEnd = t;
    } else if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (star >= 0) {
      p = star + 1;
      t = ++starEnd;
    } else {
      return false;
    }
  }
  while (pattern[p] === '*') p++;
  return p === pattern.length;
}

function getApiList(call: JsonCall, listed: readonly ApiEntry[]): { apiList: ApiEntry[] } {
  const id = globFilter(call.params.id, 'id');
  const version = globFilter(call.params.version, 'version');
  return { apiList: listed.filter((a) => (!id || id(a.id)) && (!version || version(a.version))) };
}

/** `POST /axis-cgi/apidiscovery.cgi`: getApiList, getSupportedVersions. */
export function registerApiDiscovery(app: FastifyInstance, conditional: () => readonly ApiEntry[] = () => []): void {
  registerJsonCgi(app, {
    url: '/axis-cgi/apidiscovery.cgi',
    versions: VERSIONS,
    errors: DISCOVERY_ERRORS,
    methods: {
      getApiList: { run: (call) => getApiList(call, [...API_LIST, ...conditional()]) },
      getSupportedVersions: { apiVersion: 'forbidden', run: () => ({ apiVersions: [...VERSIONS] }) },
    },
  });
}
