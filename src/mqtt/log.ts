/** The logging the MQTT part needs: a pino logger (or a child of one) fits. */
export interface MqttLog {
  debug(obj: object, msg: string): void;
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/** A log that drops everything (tests, embedding). */
export const silentLog: MqttLog = { debug() {}, info() {}, warn() {}, error() {} };

/** The broker URL without any user info, safe to log. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '(invalid url)';
  }
}
