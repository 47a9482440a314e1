import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateConfig } from '../../config/index.ts';
import { redactConfig } from './api-config.ts';

test('every password in the config is shown as ***, the rest as it is', () => {
  const config = validateConfig({
    uploads: { targets: [{ name: 'nas', kind: 'ftp', host: 'h', user: 'u', password: 'hunter2' }] },
    snapshot: { sources: [{ name: 'cam', kind: 'http', url: 'http://cam/x.jpg', username: 'v', password: 's3cret' }] },
  });
  const shown = JSON.stringify(redactConfig(config));
  assert.ok(!shown.includes('hunter2') && !shown.includes('s3cret'));
  assert.match(shown, /"user":"u","password":"\*\*\*"/);
  assert.match(shown, /"username":"v","password":"\*\*\*"/);
});
