import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config/index.ts';
import { createApp, VERSION } from './app.ts';

const USAGE = `usage: auxio serve [--config FILE] [--port N] [--host H] [--data DIR] [--mqtt URL]
       auxio --version`;

function parsePort(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d{1,5}$/.test(raw) || Number(raw) > 65535) throw new ConfigError('--port', [`--port: expected 0-65535, got "${raw}"`]);
  return Number(raw);
}

async function serve(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      config: { type: 'string', short: 'c' },
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      data: { type: 'string' },
      mqtt: { type: 'string' },
    },
    strict: true,
  });
  const config = await loadConfig(values.config, { port: parsePort(values.port), host: values.host, dataDir: values.data, mqttUrl: values.mqtt });
  const app = await createApp({ config });
  await app.start();
  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    app.http.log.info({ signal }, 'stopping');
    app.stop().then(
      () => process.exit(0),
      (err) => {
        app.http.log.error({ err }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  return new Promise<number>(() => {});
}

/** The command line: `auxio serve …`. Returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'serve') return await serve(rest);
    if (command === '--version' || command === 'version') {
      console.log(VERSION);
      return 0;
    }
    console.error(USAGE);
    return command === undefined || command === '--help' || command === '-h' ? 0 : 2;
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${err.message}\n${USAGE}`);
      return 2;
    }
    throw err;
  }
}
