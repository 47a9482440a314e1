import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSerial, resolveIdentity, SERIAL_PATTERN } from './identity.ts';

function memoryState() {
  const state = new Map<string, unknown>();
  return {
    state,
    getState: <T>(key: string) => state.get(key) as T | undefined,
    putState: (values: Record<string, unknown>) => Object.entries(values).forEach(([k, v]) => state.set(k, v)),
  };
}

test('a generated serial is 12 upper-case hex digits starting 02, with a letter even when random gives none', () => {
  const digitsOnly = generateSerial(() => Buffer.from([0x12, 0x34, 0x56, 0x78, 0x90]));
  assert.equal(digitsOnly, '02123456789A');
  assert.match(digitsOnly, SERIAL_PATTERN);
  for (let i = 0; i < 50; i++) assert.match(generateSerial(), SERIAL_PATTERN);
});

test('the serial is made once and kept in the journal state', () => {
  const journal = memoryState();
  const first = resolveIdentity({ version: '0.1.0', inputs: 2, outputs: 1, journal });
  const second = resolveIdentity({ version: '0.1.0', inputs: 2, outputs: 1, journal });
  assert.equal(first.serialNumber, second.serialNumber);
  assert.equal(journal.state.get('vapix.serial_number'), first.serialNumber);
});

test('defaults: product number from the channel counts, firmware version from auxio', () => {
  const id = resolveIdentity({ version: '0.1.0', inputs: 2, outputs: 1, journal: memoryState() });
  assert.equal(id.prodNbr, 'AUXIO-2I1R');
  assert.equal(id.firmwareVersion, '0.1.0');
  assert.equal(id.brand, 'auxio');
  assert.match(id.buildDate, /^[A-Z][a-z]{2} \d{2} \d{4} \d{2}:\d{2}$/);
});

test('config keys win, and a configured serial is not stored', () => {
  const journal = memoryState();
  const id = resolveIdentity({
    config: { serial_number: 'ABCDEF012345', product_number: 'GATE-1', firmware_version: '2.0.0', brand: 'Acme' },
    version: '0.1.0',
    inputs: 2,
    outputs: 1,
    journal,
  });
  assert.deepEqual([id.serialNumber, id.prodNbr, id.firmwareVersion, id.brand], ['ABCDEF012345', 'GATE-1', '2.0.0', 'Acme']);
  assert.equal(journal.state.size, 0);
});
