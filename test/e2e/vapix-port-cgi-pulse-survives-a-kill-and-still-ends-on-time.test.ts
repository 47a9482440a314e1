// DESIGN.md: "A timed pulse (`1:/300\`) survives a restart: its deadline is journaled, and after a
// restart the pulse still ends on time: a crash never leaves a gate relay held." A port.cgi pulse
// runs as the hub's timed pulse, so SIGKILL in the middle of it and a restart still end it on time.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, type RunningServer } from '../support/server.ts';
import { hasPulseDeadline, outputChanges, relayActive, vapixGet } from '../support/vapix.ts';

const servers: RunningServer[] = [];
const PULSE_MS = 6000;

after(async () => {
  for (const s of servers) await s.stop();
});

test('kill -9 during a 3:/6000\\ pulse: after the restart the relay holds the same deadline at most, then is off', async () => {
  const first = await startServer();
  servers.push(first);
  const res = await vapixGet(first.url, `/axis-cgi/io/port.cgi?action=3%3A%2F${PULSE_MS}%5C`);
  assert.equal(res.status, 200, res.body);
  const on = (await outputChanges(first.url)).at(-1)!;
  assert.deepEqual([on.actor, on.active], ['vapix:root', true]);
  assert.ok(hasPulseDeadline(on, PULSE_MS), JSON.stringify(on));
  const deadline = on.pulseUntil!;
  await first.kill();

  const second = await startServer({ dataDir: first.dataDir });
  servers.push(second);
  const back = Date.now();
  if (back < deadline - 300) {
    // Back before the deadline: still on, and VAPIX says so (each answer counts only if it came
    // before the deadline: on a loaded machine a call may take longer than what was left).
    const active = await relayActive(second.url);
    if (Date.now() < deadline) assert.equal(active, true);
    const checked = await vapixGet(second.url, '/axis-cgi/io/port.cgi?checkactive=3');
    if (Date.now() < deadline) assert.equal(checked.body, 'port3=active\n');
  }
  // Whichever branch: the relay is off once the deadline has passed (a slow restart may land just before it).
  await sleep(Math.max(0, deadline - Date.now() + 300));
  assert.equal(await relayActive(second.url), false);
  const all = await outputChanges(second.url);
  const secondLife = all.slice(all.findIndex((c) => c.time === on.time && c.actor === on.actor) + 1);
  const summary = secondLife.map((c) => [c.actor, c.active]);
  if (back < deadline - 300) {
    assert.deepEqual(summary, [['startup', true], ['pulse', false]]);
    const late = secondLife[1]!.time - deadline;
    assert.ok(late >= 0 && late < 300, `the pulse ended ${late} ms after its deadline`);
  } else {
    // The restart took longer than the pulse: the relay went off at once at start-up.
    assert.deepEqual(summary.at(-1), ['startup', false]);
  }
});
