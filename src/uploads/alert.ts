import { alertBody, alertLine } from './alert-format.ts';
import { httpAlertEndpoint, postAlert } from './alert-http.ts';
import { sendLine } from './alert-tcp.ts';
import { badSetting, checkName, checkPort, checkText, checkTimeout, oneLine } from './settings.ts';
import type { UploadItem, UploadTarget } from './upload-target.ts';

/** Settings of one alert receiver: exactly one of `url`, or `host` with `port`. */
export interface AlertTargetOptions {
  name: string;
  /** POST a JSON body here (http or https; user info becomes a Basic login). */
  url?: string;
  /** Or open a TCP connection here and write one line. */
  host?: string;
  port?: number;
  /** Used when the item brings no `text`. Default `alert`. */
  message?: string;
  /** Connecting plus answering. Default 30 s. */
  timeoutMs?: number;
}

/** What an alert says when neither the item nor the settings say more. */
export const DEFAULT_ALERT_MESSAGE = 'alert';

/**
 * Tells another system that something happened; the picture itself is not sent.
 * With `url`: POST `{"source":"auxio","trigger","time","message"}`, any 2xx is success.
 * With `host`+`port`: one line `auxio <time> <trigger> <message>\n`, then close.
 * @example
 * new AlertTarget({ name: 'vms', host: '10.0.0.5', port: 9000, message: 'door open' });
 * new AlertTarget({ name: 'hook', url: 'https://example.com/hooks/door' });
 */
export class AlertTarget implements UploadTarget {
  readonly kind = 'alert';
  readonly name: string;
  readonly #message: string;
  readonly #deliver: (item: UploadItem, message: string) => Promise<void>;

  constructor(o: AlertTargetOptions) {
    this.name = checkName(o.name);
    this.#message = checkText(this.name, 'message', o.message ?? DEFAULT_ALERT_MESSAGE);
    this.#deliver = this.#pickDelivery(o, checkTimeout(this.name, o.timeoutMs));
  }

  /** Sends the alert; `item.text`, when given, is the message. */
  async send(item: UploadItem): Promise<void> {
    await this.#deliver(item, item.text ?? this.#message);
  }

  #pickDelivery(o: AlertTargetOptions, timeoutMs: number): (item: UploadItem, message: string) => Promise<void> {
    const byUrl = o.url !== undefined;
    const byTcp = o.host !== undefined || o.port !== undefined;
    if (byUrl === byTcp) throw badSetting(this.name, 'give exactly one of url, or host with port');
    if (byUrl) {
      const endpoint = httpAlertEndpoint(this.name, o.url!, timeoutMs);
      return (item, message) => postAlert(endpoint, JSON.stringify(alertBody(item, message)));
    }
    if (o.host === undefined || o.port === undefined) throw badSetting(this.name, 'host and port go together');
    const endpoint = { target: this.name, host: checkText(this.name, 'host', o.host), port: checkPort(this.name, 'port', o.port), timeoutMs };
    return (item, message) => {
      // One line is the whole protocol: a line break inside would forge a second alert.
      const line = alertLine({ ...item, trigger: oneLine(this.name, 'trigger', item.trigger) }, oneLine(this.name, 'text', message));
      return sendLine(endpoint, line);
    };
  }
}
