import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DiscoveryLedger, type StateStore } from './discovery-ledger.ts';

function memoryStore(): StateStore & { data: Map<string, unknown> } {
  const data = new Map<string, unknown>();
  return {
    data,
    getState: <T>(key: string) => structuredClone(data.get(key)) as T | undefined,
    putState: (state) => Object.entries(state).forEach(([k, v]) => data.set(k, structuredClone(v))),
  };
}

test('the first publication removes nothing', () => {
  assert.deepEqual(new DiscoveryLedger(memoryStore()).replace(['a', 'b']), []);
});

test('topics published before and not now are returned for removal, once', () => {
  const store = memoryStore();
  const ledger = new DiscoveryLedger(store);
  ledger.replace(['button/1', 'button/2', 'button/3', 'switch/1']);
  assert.deepEqual(ledger.replace(['button/1', 'switch/1']), ['button/2', 'button/3']);
  assert.deepEqual(ledger.replace(['button/1', 'switch/1']), []);
});

test('the ledger survives a restart: a new ledger on the same store remembers', () => {
  const store = memoryStore();
  new DiscoveryLedger(store).replace(['button/1', 'button/2']);
  assert.deepEqual(new DiscoveryLedger(store).replace(['button/1']), ['button/2']);
});

test('publishing nothing removes everything', () => {
  const ledger = new DiscoveryLedger(memoryStore());
  ledger.replace(['a', 'b']);
  assert.deepEqual(ledger.replace([]), ['a', 'b']);
});
