import nodemailer from 'nodemailer';
import type { SendMailOptions, Transporter } from 'nodemailer';
import { formatLocalTimestamp } from '../snapshot/index.ts';
import { mailUploadError } from './mail-errors.ts';
import type { MailErrorContext } from './mail-errors.ts';
import { badSetting, checkName, checkPort, checkText, checkTimeout, oneLine } from './settings.ts';
import type { UploadItem, UploadTarget } from './upload-target.ts';

/** Settings of one mail server and message, as the AXIS `mail` script command used them. */
export interface MailTargetOptions {
  name: string;
  host: string;
  /** Default 25. */
  port?: number;
  /** TLS from the first byte (port 465). Without it STARTTLS is used when the server offers it. */
  secure?: boolean;
  /** Log in when set (AUTH PLAIN or LOGIN, whichever the server offers). */
  user?: string;
  password?: string;
  from: string;
  to: string[];
  /** Default `[auxio]`. */
  subjectPrefix?: string;
  /** Per step: connecting, the greeting, each command. Default 30 s. */
  timeoutMs?: number;
}

/** Default start of a subject, so mail rules can sort camera mail. */
export const DEFAULT_SUBJECT_PREFIX = '[auxio]';

/**
 * Mails each item, the picture attached as `image/jpeg`. The subject is
 * `<prefix> <trigger> <local time>` unless the item brings its own `text`.
 * @example
 * const office = new MailTarget({ name: 'office', host: 'smtp.example.com', from: 'cam@example.com', to: ['guard@example.com'] });
 */
export class MailTarget implements UploadTarget {
  readonly kind = 'mail';
  readonly name: string;
  readonly #transport: Transporter;
  readonly #from: string;
  readonly #to: string[];
  readonly #prefix: string;
  readonly #errors: MailErrorContext;

  constructor(o: MailTargetOptions) {
    this.name = checkName(o.name);
    const host = checkText(this.name, 'host', o.host);
    const port = checkPort(this.name, 'port', o.port ?? 25);
    const timeoutMs = checkTimeout(this.name, o.timeoutMs);
    this.#from = checkText(this.name, 'from', o.from);
    this.#to = checkRecipients(this.name, o.to);
    this.#prefix = checkText(this.name, 'subjectPrefix', o.subjectPrefix ?? DEFAULT_SUBJECT_PREFIX);
    if ((o.user === undefined) !== (o.password === undefined)) throw badSetting(this.name, 'user and password go together');
    this.#errors = { target: this.name, where: `smtp://${host}:${port}`, timeoutMs, secrets: [o.password] };
    this.#transport = nodemailer.createTransport({
      host,
      port,
      secure: o.secure ?? false,
      ...(o.user !== undefined ? { auth: { user: o.user, pass: o.password } } : {}),
      connectionTimeout: timeoutMs,
      greetingTimeout: timeoutMs,
      socketTimeout: timeoutMs,
      dnsTimeout: timeoutMs,
      logger: false,
      // The message is built from a Buffer only; never let a field make nodemailer read a file or URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  /**
   * Sends one message. Resolves once the server accepted it for at least one recipient
   * (retrying would send it again to those who got it).
   */
  async send(item: UploadItem): Promise<void> {
    const message = this.#compose(item);
    try {
      await this.#transport.sendMail(message);
    } catch (err) {
      throw mailUploadError(err, this.#errors);
    }
  }

  #compose(item: UploadItem): SendMailOptions {
    const time = formatLocalTimestamp(item.takenAt);
    const trigger = oneLine(this.name, 'trigger', item.trigger);
    const subject = item.text !== undefined ? oneLine(this.name, 'text', item.text) : `${this.#prefix} ${trigger} ${time}`;
    const picture = item.jpeg ? `Picture ${item.fileName} attached.\n` : 'No picture.\n';
    return {
      from: this.#from,
      to: this.#to,
      subject,
      text: `${trigger} at ${time}.\n${picture}`,
      attachments: item.jpeg ? [{ filename: item.fileName, content: item.jpeg, contentType: 'image/jpeg' }] : [],
    };
  }
}

function checkRecipients(target: string, to: string[]): string[] {
  if (!Array.isArray(to) || to.length === 0) throw badSetting(target, 'to needs at least one address');
  return to.map((address, i) => checkText(target, `to[${i}]`, address));
}
