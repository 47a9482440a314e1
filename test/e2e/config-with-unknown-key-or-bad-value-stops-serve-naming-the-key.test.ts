// A config is validated at start and every problem is listed with its key path (STYLE.md
// "Config"): a typo or a bad value stops `auxio serve` with a non-zero exit, before it listens.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir } from '../support/server.ts';

const dir = tempDir('auxio-e2e-config-');

after(() => {
  rmSync(dir, { recursive: true, force: true });
});

function serveWith(name: string, yaml: string) {
  const file = join(dir, name);
  writeFileSync(file, yaml);
  return { file, run: runCli(['serve', '--config', file, '--port', '0', '--host', '127.0.0.1', '--data', join(dir, `${name}.data`)]) };
}

// Both start together: each is a whole Node start-up, and they do not share anything.
const badValue = serveWith('bad-value.yaml', 'io:\n  inputs:\n    - name: Door\n      debounce_ms: -5\n');
const several = serveWith(
  'several.yaml',
  ['htpp:', '  port: 8080', 'io:', '  inputs:', '    - debounce: 50', '  outputs:', '    - startup: sometimes', 'http:', '  body_limit_bytes: "lots"', ''].join('\n'),
);

test('a bad value exits non-zero and names the key, io.inputs.0.debounce_ms', async () => {
  const { code, stdout, stderr } = await badValue.run;
  assert.equal(code, 2, stderr);
  const lines = stderr.trimEnd().split('\n');
  assert.deepEqual(lines.slice(0, 1), [`${badValue.file}: invalid config`]);
  assert.equal(lines.length, 2, stderr);
  assert.match(lines[1]!, /^ {2}- io\.inputs\.0\.debounce_ms: .*>=\s?0/);
  assert.doesNotMatch(stdout, /listening/);
});

test('every problem is listed at once, unknown keys by their full path', async () => {
  const { code, stdout, stderr } = await several.run;
  assert.equal(code, 2, stderr);
  const lines = stderr.trimEnd().split('\n');
  assert.equal(lines[0], `${several.file}: invalid config`);
  const problems = lines.slice(1).map((l) => l.replace(/^ {2}- /, ''));
  assert.equal(problems.length, 4, stderr);
  const byKey = new Map(problems.map((p) => [p.slice(0, p.indexOf(': ')), p.slice(p.indexOf(': ') + 2)]));
  assert.deepEqual([...byKey.keys()].sort(), ['htpp', 'http.body_limit_bytes', 'io.inputs.0.debounce', 'io.outputs.0.startup']);
  assert.equal(byKey.get('htpp'), 'unknown key');
  assert.equal(byKey.get('io.inputs.0.debounce'), 'unknown key');
  assert.match(byKey.get('io.outputs.0.startup')!, /"off"\|"on"\|"restore"/);
  assert.match(byKey.get('http.body_limit_bytes')!, /expected number/);
  assert.doesNotMatch(stdout, /listening/);
});
