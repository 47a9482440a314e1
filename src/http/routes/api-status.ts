import type { FastifyInstance } from 'fastify';
import { backendKinds } from '../../config/index.ts';
import type { HttpDeps } from '../context.ts';
import { addPath } from '../route-table.ts';
import { storageFullMessage } from '../../snapshot/index.ts';

export const FACTORY_PASSWORD_WARNING = 'the factory login root/pass is still in use: change it (PUT /api/v1/users/root)';

/** `GET /api/v1/status`: version, uptime, backend, and the warnings a user must see. */
export function registerApiStatus(app: FastifyInstance, deps: HttpDeps): void {
  addPath(app, '/api/v1/status', {
    GET: {
      role: 'viewer',
      handler: (req) => {
        const factoryPassword = deps.users.factoryPasswordInUse();
        const storage = deps.snapshots.storage;
        return {
          version: deps.version,
          startedAt: new Date(deps.startedAt).toISOString(),
          backend: backendKinds(deps.config.io),
          backends: Object.fromEntries(Object.entries(deps.config.io.backends).map(([name, b]) => [name, b.kind])),
          user: req.user,
          factoryPassword,
          storage,
          warnings: [...(factoryPassword ? [FACTORY_PASSWORD_WARNING] : []), ...(storage.full ? [storageFullMessage(storage)] : [])],
          lastSeq: deps.journal.lastSeq(),
        };
      },
    },
  });
}
