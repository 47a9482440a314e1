import { AlertTarget } from './alert.ts';
import type { AlertTargetOptions } from './alert.ts';
import { FtpTarget } from './ftp.ts';
import type { FtpTargetOptions } from './ftp.ts';
import { MailTarget } from './mail.ts';
import type { MailTargetOptions } from './mail.ts';
import type { UploadKind, UploadTarget } from './upload-target.ts';

/** One configured target: its kind and that kind's options. */
export type UploadTargetSpec =
  | ({ kind: 'ftp' } & FtpTargetOptions)
  | ({ kind: 'mail' } & MailTargetOptions)
  | ({ kind: 'alert' } & AlertTargetOptions);

type Maker<K extends UploadKind> = (options: Omit<Extract<UploadTargetSpec, { kind: K }>, 'kind'>) => UploadTarget;

const makers: { [K in UploadKind]: Maker<K> } = {
  ftp: (o) => new FtpTarget(o),
  mail: (o) => new MailTarget(o),
  alert: (o) => new AlertTarget(o),
};

/**
 * Builds a target from its configuration; throws UPLOAD_CONFIG when the options are wrong.
 * @example createUploadTarget({ kind: 'alert', name: 'vms', host: '10.0.0.5', port: 9000 })
 */
export function createUploadTarget(spec: UploadTargetSpec): UploadTarget {
  const { kind, ...options } = spec;
  // TypeScript cannot correlate `kind` with the rest of the union (microsoft/TypeScript#30581);
  // the table's type above is what keeps each maker and its options together.
  return (makers[kind] as Maker<typeof kind>)(options as never);
}
