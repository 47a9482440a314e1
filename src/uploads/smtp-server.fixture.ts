// A real SMTP server (smtp-server) for tests, on 127.0.0.1, keeping every message it accepts.
import { SMTPServer } from 'smtp-server';
import type { SMTPServerOptions } from 'smtp-server';
import { listenLocal } from './net.fixture.ts';

export interface ReceivedMail {
  from: string | undefined;
  to: string[];
  /** Who logged in, if anyone. */
  user: string | undefined;
  raw: Buffer;
}

export interface SmtpServerFixture {
  port: number;
  mails: ReceivedMail[];
  close(): Promise<void>;
}

export interface SmtpServerFixtureOptions {
  /** Default: any free port. A fixed one lets a client be set up before the server exists (an outage). */
  port?: number;
  /** Require this login; without it the server takes mail from anyone. */
  auth?: { user: string; password: string };
  /** Extra smtp-server options, e.g. `secure: true` to speak TLS with its built-in certificate. */
  server?: SMTPServerOptions;
}

/** Starts smtp-server (on a free port unless `port`). STARTTLS is off: its built-in certificate is self-signed. */
export async function startSmtpServer(o: SmtpServerFixtureOptions = {}): Promise<SmtpServerFixture> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    authOptional: o.auth === undefined,
    allowInsecureAuth: true, // AUTH without TLS, on the loopback only
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      if (o.auth && auth.username === o.auth.user && auth.password === o.auth.password) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks),
        });
        callback();
      });
    },
    ...o.server,
  });
  // smtp-server emits client failures (a refused TLS handshake) on the server: without a
  // listener they would be uncaught exceptions.
  server.on('error', () => undefined);
  const port = await listenLocal(server.server, o.port);
  return { port, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
