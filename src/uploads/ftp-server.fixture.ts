// A real FTP server (ftp-srv) for tests, on 127.0.0.1, recording what clients did to its files.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileSystem, FtpSrv } from 'ftp-srv';
import type { FtpConnection } from 'ftp-srv';
import { freePort } from './net.fixture.ts';

export interface FtpServerFixture {
  port: number;
  /** The folder the FTP root maps to. */
  root: string;
  /** `MKD <path>`, `STOR <name>`, `RNFR <name> (<size> bytes)`, `RNTO <name>`, in order. */
  events: string[];
  close(): Promise<void>;
}

export interface FtpServerFixtureOptions {
  /** Default: a free port picked now. */
  port?: number;
  user?: string;
  password?: string;
  /** The 530 text for a wrong login. */
  rejectText?: string;
  /** Reused across restarts of a server on the same port. */
  root?: string;
}

// ftp-srv logs through bunyan to stdout by default; its connections call log.child().
const silentLog = {
  child: () => silentLog,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  fatal: () => undefined,
};

// ftp-srv has no RNFR event and reports STOR with the server path, so the file system records.
class RecordingFs extends FileSystem {
  constructor(connection: FtpConnection, root: string, readonly events: string[]) {
    super(connection, { root, cwd: '/' });
  }
  override write(fileName: string, options?: { append?: boolean; start?: unknown }): unknown {
    this.events.push(`STOR ${fileName}`);
    return super.write(fileName, options);
  }
  override async rename(from: string, to: string): Promise<unknown> {
    // The size at RNFR time proves the temp file was complete before it got its final name.
    const stat = (await this.get(from)) as { size: number };
    this.events.push(`RNFR ${from} (${stat.size} bytes)`, `RNTO ${to}`);
    return super.rename(from, to);
  }
  override mkdir(path: string): Promise<unknown> {
    this.events.push(`MKD ${path}`);
    return super.mkdir(path);
  }
}

/** Starts ftp-srv; user/password default to `cam` / `s3cret`. */
export async function startFtpServer(o: FtpServerFixtureOptions = {}): Promise<FtpServerFixture> {
  const port = o.port ?? (await freePort());
  const root = o.root ?? (await mkdtemp(join(tmpdir(), 'auxio-ftp-')));
  const events: string[] = [];
  // pasv_min = pasv_max = 0: each passive data port is whatever the OS picks (ftp-srv otherwise
  // scans upward from 1024, five tries only). EPSV works without pasv_url; PASV would not.
  const server = new FtpSrv({ url: `ftp://127.0.0.1:${port}`, pasv_min: 0, pasv_max: 0, log: silentLog });
  server.on('login', ({ connection, username, password }, resolve, reject) => {
    if (username === (o.user ?? 'cam') && password === (o.password ?? 's3cret')) {
      resolve({ fs: new RecordingFs(connection, root, events) as FileSystem });
    } else {
      reject(new Error(o.rejectText ?? 'Invalid username or password'));
    }
  });
  await server.listen();
  return {
    port,
    root,
    events,
    close: async () => {
      await server.close();
      if (o.root === undefined) await rm(root, { recursive: true, force: true });
    },
  };
}
