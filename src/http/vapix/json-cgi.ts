import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { roleAllows, type Role } from '../auth/index.ts';
import type { RequestUser } from '../context.ts';
import { AxisJsonError, errorObject, isAxisJsonError, type ErrorTable } from './json-errors.ts';

// The envelope every Axis JSON CGI shares: `{"apiVersion","context","method","params"}` in,
// `{"apiVersion","context","method","data"|"error"}` out, always 200 (Axis: "success or failure
// alike"), except 403 for a role too weak and 405 for a method other than POST.

/** One call, its envelope checked. */
export interface JsonCall {
  /** The version asked, or the newest supported when none was sent. */
  apiVersion: string;
  method: string;
  params: Record<string, unknown>;
  user: RequestUser | null;
  log: FastifyBaseLogger;
}

/** One method of an API. */
export interface JsonMethod {
  /** The least role; the route itself lets any viewer in. */
  role?: Role;
  /** `required` by default; getSupportedVersions takes none (apidiscovery even refuses one). */
  apiVersion?: 'required' | 'optional' | 'forbidden';
  run(call: JsonCall): unknown;
}

/** An API at one URL: its versions (newest last), its error table and its methods. */
export interface JsonApi {
  url: string;
  versions: readonly string[];
  errors: ErrorTable;
  methods: Readonly<Record<string, JsonMethod>>;
}

/** What the answer echoes: known as soon as the body is read, even when the call is then refused. */
interface Echo {
  apiVersion: string;
  context?: string;
  method?: string;
}

type Body = Record<string, unknown>;

/** Every method but POST: each gets Axis's "only POST" error, without a login (it reveals nothing). */
const NOT_POST: HTTPMethods[] = ['GET', 'HEAD', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

/** Registers `POST <url>` for viewers and the Axis "only POST" error for every other method. */
export function registerJsonCgi(app: FastifyInstance, api: JsonApi): void {
  app.route({ method: 'POST', url: api.url, config: { role: 'viewer' }, handler: (req, reply) => answer(api, req, reply) });
  app.route({ method: NOT_POST, url: api.url, exposeHeadRoute: false, handler: (_req, reply) => sendWrongMethod(reply, api) });
}

async function answer(api: JsonApi, req: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const newest = api.versions[api.versions.length - 1]!;
  const body = parseBody(req.body);
  let echo: Echo = { apiVersion: newest };
  try {
    if (!body) throw new AxisJsonError(api.errors.json);
    echo = echoOf(body, newest);
    const { method, call } = checkEnvelope(api, body, echo, req);
    if (method.role && !hasRole(call.user, method.role)) throw new AxisJsonError(api.errors.forbidden).forbidden();
    const data = await method.run(call);
    return send(reply, { ...echo, data });
  } catch (err) {
    if (!isAxisJsonError(err)) req.log.error({ err, url: api.url }, 'JSON CGI call failed');
    const refusal = isAxisJsonError(err) ? err : new AxisJsonError(api.errors.internal);
    return send(reply.code(refusal.status), { ...echo, error: errorObject(api.errors, refusal) });
  }
}

/** True when the user holds at least `need`. */
export function hasRole(user: RequestUser | null, need: Role): boolean {
  return user !== null && roleAllows(user.role, need);
}

/** The request as a JSON object, or null for anything else. */
function parseBody(raw: unknown): Body | null {
  if (typeof raw !== 'string') return null;
  try {
    const value: unknown = JSON.parse(raw);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : null;
  } catch {
    return null;
  }
}

function echoOf(body: Body, newest: string): Echo {
  return {
    apiVersion: typeof body.apiVersion === 'string' ? body.apiVersion : newest,
    ...(typeof body.context === 'string' ? { context: body.context } : {}),
    ...(typeof body.method === 'string' ? { method: body.method } : {}),
  };
}

/** Checks method, apiVersion, context and params, in that order; the first fault is the answer. */
function checkEnvelope(api: JsonApi, body: Body, echo: Echo, req: FastifyRequest): { method: JsonMethod; call: JsonCall } {
  const { errors } = api;
  if (body.method === undefined) throw new AxisJsonError(errors.missing, "'method' is missing");
  if (typeof body.method !== 'string') throw new AxisJsonError(errors.invalid, "'method' must be a string");
  const method = Object.hasOwn(api.methods, body.method) ? api.methods[body.method]! : undefined;
  if (!method) throw new AxisJsonError(errors.method);
  checkVersion(api, method, body.method, body.apiVersion);
  if (body.context !== undefined && typeof body.context !== 'string') throw new AxisJsonError(errors.invalid, "'context' must be a string");
  const params = body.params ?? {};
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw new AxisJsonError(errors.invalid, "'params' must be an object");
  return { method, call: { apiVersion: echo.apiVersion, method: body.method, params: params as Body, user: req.user, log: req.log } };
}

function checkVersion(api: JsonApi, method: JsonMethod, name: string, version: unknown): void {
  const rule = method.apiVersion ?? 'required';
  if (version === undefined) {
    if (rule === 'required') throw new AxisJsonError(api.errors.missing, "'apiVersion' is missing");
    return;
  }
  // A real device refused it this way (docs/vapix.md §4.1).
  if (rule === 'forbidden') throw new AxisJsonError(api.errors.invalid, `'apiVersion' must not be provided for method '${name}'`);
  if (typeof version !== 'string' || !supports(api.versions, version)) throw new AxisJsonError(api.errors.version);
}

/** `major.minor` is served when a supported version has the same major and at least that minor. */
export function supports(versions: readonly string[], asked: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})$/.exec(asked);
  if (!m) return false;
  return versions.some((v) => {
    const [major, minor] = v.split('.').map(Number);
    return major === Number(m[1]) && minor! >= Number(m[2]);
  });
}

function sendWrongMethod(reply: FastifyReply, api: JsonApi): FastifyReply {
  const error = { code: api.errors.httpMethod, message: api.errors.httpMethodMessage };
  reply.code(405).header('Allow', 'POST');
  return send(reply, { apiVersion: api.versions[api.versions.length - 1]!, error });
}

function send(reply: FastifyReply, body: object): FastifyReply {
  return reply.header('Content-Type', 'application/json').header('Cache-Control', 'no-cache').send(JSON.stringify(body));
}
