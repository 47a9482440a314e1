// The HTTP entry points, through the real app: no 5xx (the only documented one a request can meet,
// BACKEND_FAULT's 503, needs hardware that is gone, and the simulator never is), an answer within
// the time bound, no crash or error log line, no raw CR, LF or NUL in the journal, and a refused
// request (4xx, a CGI's `# Error`, a JSON CGI's error) changes nothing: no journal entry but a
// 401's `auth_failed`, the same relays, inputs, script and data-dir files.
import fc from 'fast-check';
import { ANSWER_WITHIN_MS, FuzzRig, type FuzzResponse } from './http-rig.ts';
import { fuzzRequest, jsonCall, VALID_LOGIN, type FuzzRequest } from './http-requests.ts';
import { anyString, percentEncode } from './text-arbitraries.ts';
import type { FuzzTarget } from './targets.ts';

/** The Axis JSON CGIs' "internal error" codes (src/http/vapix/json-errors.ts): a bad request must never get one. */
const INTERNAL_CODES = new Set([1100, 8000]);

/** A JSON CGI answer's error object, if the answer is one. */
function jsonCgiError(request: FuzzRequest, res: FuzzResponse): { code?: unknown } | undefined {
  if (request.method === 'HEAD' || !request.url.includes('.cgi') || !String(res.headers['content-type']).startsWith('application/json')) return undefined;
  try {
    const body = JSON.parse(res.body.toString('utf8')) as { error?: { code?: unknown } };
    return body.error;
  } catch {
    return { code: 'unparsable JSON' };
  }
}

/** Whether auxio refused the request: a 4xx, param.cgi's 200 `# Error:` line, or a JSON CGI's error. */
function refused(request: FuzzRequest, res: FuzzResponse): boolean {
  return (res.status >= 400 && res.status < 500) || res.body.subarray(0, 8).toString('latin1') === '# Error:' || jsonCgiError(request, res) !== undefined;
}

/** Sends one request and lists every broken promise; throws them all at once. */
export async function checkRequest(rig: FuzzRig, request: FuzzRequest): Promise<void> {
  const before = rig.snapshot();
  const res = await rig.send(request);
  if (res === 'timeout') throw new Error(`no answer within ${2 * ANSWER_WITHIN_MS} ms`);
  const problems: string[] = [];
  const text = res.body.subarray(0, 300).toString('utf8');
  if (res.ms > ANSWER_WITHIN_MS) problems.push(`answered after ${res.ms.toFixed(0)} ms`);
  if (res.status >= 500) problems.push(`status ${res.status}: ${text}`);
  const axisError = jsonCgiError(request, res);
  if (axisError !== undefined && (INTERNAL_CODES.has(axisError.code as number) || typeof axisError.code !== 'number')) problems.push(`JSON CGI error ${JSON.stringify(axisError)}`);
  if (res.status === 401 && res.headers['www-authenticate'] === undefined) problems.push('401 without WWW-Authenticate');
  problems.push(...rig.rawBreaksSince(before));
  const wasRefused = refused(request, res);
  if (wasRefused) {
    const changes = rig.changesSince(before, res.status === 401 ? ['auth_failed'] : []);
    if (changes.length > 0) problems.push(`refused with ${res.status} (${text.slice(0, 100)}) but changed: ${changes.join('; ')}`);
  }
  problems.push(...rig.takeProblems());
  if (request.login === 'valid' && !wasRefused) await rig.quiesce(before);
  if (problems.length > 0) throw new Error(problems.join('\n'));
}

/** A target over the real app; `requests` is built from the rig's own route list. */
function httpTarget(name: string, family: 'http' | 'vapix', requests: (rig: FuzzRig) => fc.Arbitrary<FuzzRequest>): FuzzTarget {
  return {
    name,
    family,
    open: async () => {
      const rig = await FuzzRig.start();
      return {
        // Shrinking replays requests against a live app: a few hundred steps say enough.
        property: fc.asyncProperty(fc.limitShrink(requests(rig), 200), (request) => checkRequest(rig, request)),
        close: () => rig.stop(),
      };
    },
  };
}

const LOGIN = { authorization: VALID_LOGIN };

const ACTION = fc.oneof(
  fc.constantFrom('3:/', '3:\\', '3%3A%2F', '3%3A%5C', '3:/300\\', '3:/30\\50/30\\', ':/', '3:1000/', '1:/', '2:\\', '4:/', '3:/3600001\\', '9999:/', '0:/', '3:', '3', ''),
  fc.array(fc.constantFrom('1', '2', '3', '4', ':', '/', '\\', '%3A', '%2F', '%5C', '0', '300', '%', '+', ','), { maxLength: 12 }).map((p) => p.join('')),
);
const LIST = fc.oneof(fc.constantFrom('1', '2', '3', '1,2', '1,2,3', '4', '0', '', '1,,2', '01', '1%2C2'), anyString(6).map(percentEncode));
const ioArgument = fc.oneof(
  fc.tuple(fc.constantFrom('check', 'checkactive', 'checkdirection'), LIST),
  fc.tuple(fc.constant('action'), ACTION),
  fc.tuple(fc.constantFrom('monitor', 'x', 'Check', 'action%00'), LIST),
);

const ioCgis = httpTarget('vapix: port.cgi, input.cgi, output.cgi over HTTP', 'vapix', () =>
  fc
    .tuple(fc.constantFrom('port', 'input', 'output'), fc.array(ioArgument, { maxLength: 3 }))
    .map(([cgi, args]) => ({ method: 'GET', url: `/axis-cgi/io/${cgi}.cgi?${args.map(([k, v]) => `${k}=${v}`).join('&')}`, headers: LOGIN, login: 'valid' as const })),
);

const PARAM_KEYS = ['root.IOPort.I0.Input.Name', 'IOPort.I1.Input.Trig', 'IOPort.I2.Output.Active', 'IOPort.I2.Output.PulseTime', 'IOPort.I2.Output.Name', 'IOPort.I3.Input.Name', 'root.Brand.Brand', 'usergroup'];
const paramPair = fc.tuple(
  fc.oneof(fc.constantFrom(...PARAM_KEYS), anyString(12).map(percentEncode)),
  fc.oneof(fc.constantFrom('Door', 'open', 'closed', '300', '0', '3600001', '', '%0d%0a', '%00', 'A'.repeat(65)), anyString(20).map(percentEncode)),
);
const paramCgi = httpTarget('vapix: param.cgi list and update over HTTP', 'vapix', () =>
  fc
    .record({
      action: fc.constantFrom('list', 'update', 'add', 'remove', '', 'List'),
      group: fc.constantFrom('', 'root.Brand', 'root.IOPort', 'Properties,Brand', 'root.Nope', '*', '%0d%0a'),
      pairs: fc.array(paramPair, { maxLength: 4 }),
      inBody: fc.boolean(),
    })
    .map(({ action, group, pairs, inBody }) => {
      const form = [`action=${action}`, ...(group ? [`group=${group}`] : []), ...pairs.map(([k, v]) => `${k}=${v}`)].join('&');
      return inBody
        ? { method: 'POST', url: '/axis-cgi/param.cgi', headers: { ...LOGIN, 'content-type': 'text/plain' }, payload: form, login: 'valid' as const }
        : { method: 'GET', url: `/axis-cgi/param.cgi?${form}`, headers: LOGIN, login: 'valid' as const };
    }),
);

/** Each JSON CGI and its methods (src/http/vapix, src/http/axis-mqtt). */
const JSON_CGIS: ReadonlyArray<[string, string[]]> = [
  ['/axis-cgi/apidiscovery.cgi', ['getApiList', 'getSupportedVersions']],
  ['/axis-cgi/basicdeviceinfo.cgi', ['getAllProperties', 'getAllUnrestrictedProperties', 'getProperties', 'getSupportedVersions']],
  ['/axis-cgi/io/portmanagement.cgi', ['getPorts', 'setPorts', 'setStateSequence', 'getSupportedVersions']],
  ['/axis-cgi/mqtt/client.cgi', ['getClientStatus', 'configureClient', 'activateClient', 'deactivateClient', 'getSupportedVersions']],
  ['/axis-cgi/mqtt/event.cgi', ['configureEventPublication', 'getEventPublicationConfig', 'getSupportedVersions']],
];
const jsonCgis = httpTarget('vapix: JSON CGIs over HTTP', 'vapix', () =>
  fc
    .constantFrom(...JSON_CGIS)
    .chain(([url, methods]) => jsonCall(methods).map((call) => [url, call] as const))
    .map(([url, call]) => ({
      method: 'POST',
      url,
      headers: { ...LOGIN, 'content-type': 'application/json' },
      payload: JSON.stringify(call),
      login: 'valid' as const,
    })),
);

const entryPoints = httpTarget('http: every entry point', 'http', (rig) => fuzzRequest(rig.routes));

export const httpTargets: readonly FuzzTarget[] = [ioCgis, paramCgi, jsonCgis, entryPoints];
