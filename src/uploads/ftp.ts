import { Readable } from 'node:stream';
import { Client } from 'basic-ftp';
import { UploadError } from './errors.ts';
import { ftpUploadError } from './ftp-errors.ts';
import type { FtpErrorContext } from './ftp-errors.ts';
import { checkName, checkOptionalLine, checkPort, checkText, checkTimeout } from './settings.ts';
import type { UploadItem, UploadTarget } from './upload-target.ts';

/** Settings of one FTP server, as the AXIS `ftp` script command used them. */
export interface FtpTargetOptions {
  name: string;
  host: string;
  /** Default 21. */
  port?: number;
  /** Default `anonymous` (basic-ftp's default, with password `guest`). */
  user?: string;
  password?: string;
  /** Folder for the pictures, created when missing; relative to the login folder unless it starts with `/`. Default `/`. */
  dir?: string;
  /** Explicit FTPS (AUTH TLS) on the same port. */
  secure?: boolean;
  /** Per step: connecting, each command, the data transfer. Default 30 s. */
  timeoutMs?: number;
}

/** The options after defaults and checks. */
interface FtpSettings {
  host: string;
  port: number;
  user: string | undefined;
  password: string | undefined;
  dir: string;
  secure: boolean;
  timeoutMs: number;
}

// A picture's name goes into STOR and RNTO: no folders, no line breaks, not `.` or `..`.
const FILE_NAME = /^(?!\.\.?$)[^/\\\r\n]+$/;

/**
 * Uploads each picture to an FTP server, one connection per item.
 * The file is written as `.<name>.tmp` and then renamed, so a program watching the server's
 * folder never picks up half a picture (the AXIS manuals' own example script does the same).
 * @example
 * const nas = new FtpTarget({ name: 'nas', host: '192.168.1.10', user: 'cam', password: 's3cret', dir: '/door' });
 * await nas.send({ jpeg, fileName: '2026-11-26_080000_123.jpg', takenAt: Date.now(), trigger: 'entry 1: /I1' });
 */
export class FtpTarget implements UploadTarget {
  readonly kind = 'ftp';
  readonly name: string;
  readonly #o: FtpSettings;
  readonly #errors: FtpErrorContext;

  constructor(options: FtpTargetOptions) {
    this.name = checkName(options.name);
    this.#o = {
      user: checkOptionalLine(this.name, 'user', options.user),
      password: checkOptionalLine(this.name, 'password', options.password),
      host: checkText(this.name, 'host', options.host),
      port: checkPort(this.name, 'port', options.port ?? 21),
      dir: checkText(this.name, 'dir', options.dir ?? '/'),
      secure: options.secure ?? false,
      timeoutMs: checkTimeout(this.name, options.timeoutMs),
    };
    const where = `ftp://${this.#o.host}:${this.#o.port}`;
    this.#errors = { target: this.name, where, timeoutMs: this.#o.timeoutMs, secrets: [options.password] };
  }

  /** Uploads `item.jpeg` as `dir/item.fileName`; rejects with an UploadError. */
  async send(item: UploadItem): Promise<void> {
    const jpeg = this.#check(item);
    const client = new Client(this.#o.timeoutMs);
    try {
      await this.#login(client);
      await client.ensureDir(this.#o.dir); // MKD each missing level, then CWD into it
      await uploadViaTempName(client, jpeg, item.fileName);
    } catch (err) {
      throw ftpUploadError(err, this.#errors);
    } finally {
      client.close();
    }
  }

  #check(item: UploadItem): Buffer {
    if (!item.jpeg) throw new UploadError('UPLOAD_INVALID', { target: this.name, detail: 'FTP needs a JPEG' });
    if (!FILE_NAME.test(item.fileName)) {
      throw new UploadError('UPLOAD_INVALID', { target: this.name, detail: 'fileName must be a plain file name' });
    }
    return item.jpeg;
  }

  async #login(client: Client): Promise<void> {
    const { host, port, user, password, secure } = this.#o;
    await client.access({ host, port, secure, ...(user !== undefined ? { user } : {}), ...(password !== undefined ? { password } : {}) });
  }
}

/** STOR under the temporary name, then RNFR/RNTO; the temp file is removed if that fails. */
async function uploadViaTempName(client: Client, jpeg: Buffer, fileName: string): Promise<void> {
  const temp = `.${fileName}.tmp`;
  try {
    // An array, because Readable.from(buffer) would stream it byte by byte.
    await client.uploadFrom(Readable.from([jpeg]), temp);
    await client.rename(temp, fileName);
  } catch (err) {
    // Best effort: on a dead connection this fails too, and the first error is the story.
    if (!client.closed) await client.remove(temp, true).catch(() => undefined);
    throw err;
  }
}
