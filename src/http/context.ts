import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/index.ts';
import type { IoHub } from '../io/index.ts';
import type { Journal } from '../journal/index.ts';
import type { Authenticator, Role } from './auth/index.ts';
import type { UserStore } from './users/user-store.ts';
import type { ScriptEngine } from '../rules/index.ts';
import type { SnapshotService } from '../snapshot/index.ts';
import type { DeviceIdentity } from './vapix/identity.ts';
import type { AxisMqttDeps } from './axis-mqtt/index.ts';

/** Everything the HTTP layer is handed, as one typed object. */
export interface HttpDeps {
  config: Config;
  hub: IoHub;
  journal: Journal;
  users: UserStore;
  engine: ScriptEngine;
  snapshots: SnapshotService;
  /** Who auxio is to Axis clients: serial number, product names. */
  identity: DeviceIdentity;
  axisMqtt: AxisMqttDeps;
  authenticator: Authenticator;
  log: FastifyBaseLogger;
  version: string;
  startedAt: number;
}

/** The logged-in user of a request. */
export interface RequestUser {
  username: string;
  role: Role;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The least role a route needs; routes without one are public. */
    role?: Role;
  }
  interface FastifyRequest {
    user: RequestUser | null;
  }
}

/** The actor recorded in the journal for a change made by this request. */
export function actorOf(via: string, user: RequestUser | null): string {
  return `${via}:${user?.username ?? 'anonymous'}`;
}
