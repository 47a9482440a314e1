import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_NONCE_LIFETIME_MS, NonceSigner } from './digest-nonce.ts';

function clockAt(start: number): { now: () => number; advance: (ms: number) => void } {
  let now = start;
  return { now: () => now, advance: (ms) => { now += ms; } };
}

test('a fresh nonce is valid, header-safe and unique', () => {
  const clock = clockAt(1_700_000_000_000);
  const signer = new NonceSigner({ clock: clock.now });
  const a = signer.issue();
  assert.match(a, /^[A-Za-z0-9_-]{43}$/);
  assert.notEqual(a, signer.issue());
  assert.deepEqual(signer.check(a), { status: 'valid', issuedAt: 1_700_000_000_000 });
});

test('a genuine nonce expires after its lifetime, 300 s by default', () => {
  const clock = clockAt(1_000_000);
  const signer = new NonceSigner({ clock: clock.now });
  const nonce = signer.issue();
  clock.advance(DEFAULT_NONCE_LIFETIME_MS);
  assert.equal(signer.check(nonce).status, 'valid');
  clock.advance(1);
  assert.deepEqual(signer.check(nonce), { status: 'expired', issuedAt: 1_000_000 });
});

test('the lifetime is configurable', () => {
  const clock = clockAt(0);
  const signer = new NonceSigner({ clock: clock.now, lifetimeMs: 10 });
  const nonce = signer.issue();
  clock.advance(11);
  assert.equal(signer.check(nonce).status, 'expired');
  assert.throws(() => new NonceSigner({ lifetimeMs: 0 }), RangeError);
});

test('a clock that steps back makes a nonce expired, not forged', () => {
  const clock = clockAt(10_000);
  const signer = new NonceSigner({ clock: clock.now });
  const nonce = signer.issue();
  clock.advance(-5_000);
  assert.equal(signer.check(nonce).status, 'expired');
});

test('nonces from another secret, altered ones and junk are forged', () => {
  const signer = new NonceSigner();
  const other = new NonceSigner().issue();
  const nonce = signer.issue();
  const flipped = (nonce[5] === 'A' ? 'B' : 'A');
  const altered = nonce.slice(0, 5) + flipped + nonce.slice(6);
  // Same bytes, spare bits set: a second spelling of one nonce.
  const last = nonce.at(-1) ?? 'A';
  const respelled = nonce.slice(0, -1) + String.fromCharCode(last.charCodeAt(0) ^ 1);
  for (const bad of [other, altered, respelled, '', 'x', nonce + 'A', nonce.slice(1), 'a'.repeat(43), undefined as never]) {
    assert.deepEqual(signer.check(bad), { status: 'forged' }, String(bad));
  }
});

test('an expired nonce re-signed with a later time is forged', () => {
  const signer = new NonceSigner({ clock: () => 0 });
  const raw = Buffer.from(signer.issue(), 'base64url');
  raw.writeBigUInt64BE(BigInt(Date.now()), 0);
  assert.equal(signer.check(raw.toString('base64url')).status, 'forged');
});
