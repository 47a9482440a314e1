// A local stand-in for an upstream camera's image.cgi, on a real node:http server on port 0.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Authenticator, makeCredential, type AuthenticatorOptions } from '../../http/auth/index.ts';
import { SyntheticSource } from './synthetic.ts';

/** The login every fixture camera knows; the password is distinctive so tests can look for leaks. */
export const CAMERA_USER = 'root';
export const CAMERA_PASSWORD = 'S3cret-pw!';
export const CAMERA_REALM = 'AXIS_ACCC8E000001';

/** What the camera saw of one request. */
export interface SeenRequest {
  url: string;
  authorization: string | undefined;
  /** The scheme that authenticated it, if any. */
  scheme: 'digest' | 'basic' | undefined;
}

/** A running fixture camera. */
export interface FakeCamera {
  /** `http://127.0.0.1:<port>/axis-cgi/jpg/image.cgi` */
  url: string;
  requests: SeenRequest[];
  /** 401 answers sent. */
  challenges: number;
  close(): Promise<void>;
}

export type Responder = (req: IncomingMessage, res: ServerResponse) => unknown;

/** Which schemes the camera asks for; no `auth` means an open camera. */
export interface CameraOptions {
  auth?: Pick<AuthenticatorOptions, 'digestAlgorithms' | 'allowBasic' | 'nonceLifetimeMs' | 'clock'>;
  respond?: Responder;
  /** Default: any free port. A fixed one brings a camera back where auxio looks for it (an outage). */
  port?: number;
}

/** Serves a synthetic JPEG at the size in `?resolution=WxH` (640x480 without one), as Axis does. */
export const serveJpeg: Responder = async (req, res) => {
  const query = new URL(req.url ?? '/', 'http://camera').searchParams;
  const [width, height] = (query.get('resolution') ?? '640x480').split('x').map(Number);
  const shot = await new SyntheticSource({ name: 'fixture' }).capture({ width, height });
  res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': shot.jpeg.length });
  res.end(shot.jpeg);
};

const credential = makeCredential(CAMERA_USER, 'admin', CAMERA_PASSWORD, CAMERA_REALM);

/** Starts a camera on 127.0.0.1, on a free port unless `options.port`. */
export async function startCamera(options: CameraOptions = {}): Promise<FakeCamera> {
  const auth = options.auth && new Authenticator({
    realm: CAMERA_REALM,
    users: { find: (name) => (name === CAMERA_USER ? credential : undefined) },
    ...options.auth,
  });
  const respond = options.respond ?? serveJpeg;
  const camera = { url: '', requests: [] as SeenRequest[], challenges: 0, close: async () => {} };
  const server = createServer((req, res) => {
    const seen: SeenRequest = { url: req.url ?? '', authorization: req.headers.authorization, scheme: undefined };
    camera.requests.push(seen);
    if (auth !== undefined) {
      const result = auth.authenticate({ method: req.method ?? 'GET', uri: req.url ?? '', authorization: req.headers.authorization, remoteAddress: undefined });
      if (!result.ok) {
        camera.challenges++;
        res.writeHead(401, { 'www-authenticate': result.challenges, 'content-type': 'text/html' });
        res.end('<html><body>401 Unauthorized</body></html>');
        return;
      }
      seen.scheme = result.scheme;
    }
    void Promise.resolve(respond(req, res)).catch(() => res.destroy());
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  camera.url = `http://127.0.0.1:${port}/axis-cgi/jpg/image.cgi`;
  camera.close = () => {
    server.closeAllConnections(); // a hanging responder would keep close() waiting forever
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return camera;
}
