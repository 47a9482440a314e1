// The live I/O panel: a lamp per input, a switch and a pulse button per relay. Journal entries
// from the event stream are applied as they come; nothing is polled.
import { api } from './api.js';
import { busy, can, h, notify } from './dom.js';
import { duration, timeOf } from './format.js';

const ms = (t) => (t === null || t === undefined ? null : typeof t === 'number' ? t : Date.parse(t));

/** Channel state as the panel keeps it: times as ms since the epoch. */
function normalize(c) {
  return { ...c, lastChange: ms(c.lastChange), pulseUntil: ms(c.pulseUntil) };
}

export class IoPanel {
  #root;
  #role;
  /** id → { state, el, parts } */
  #rows = new Map();
  #onChannels;

  /** `onChannels` hears the channel list whenever names or settings change. */
  constructor(root, { role, onChannels = () => {} }) {
    this.#root = root;
    this.#role = role;
    this.#onChannels = onChannels;
  }

  /** The channels as last known, inputs first. */
  channels() {
    return [...this.#rows.values()].map((r) => r.state);
  }

  /** Builds the panel from `GET /api/v1/io`. */
  render(channels) {
    this.#rows.clear();
    const inputs = channels.filter((c) => c.direction === 'input').map((c) => this.#inputRow(normalize(c)));
    const outputs = channels.filter((c) => c.direction === 'output').map((c) => this.#outputRow(normalize(c)));
    this.#root.replaceChildren(
      h('h3', { class: 'group' }, 'Inputs'),
      inputs.length ? h('ul', { class: 'channels', 'aria-label': 'Inputs' }, inputs) : h('p', { class: 'muted' }, 'No inputs.'),
      h('h3', { class: 'group' }, 'Relays'),
      outputs.length ? h('ul', { class: 'channels', 'aria-label': 'Relays' }, outputs) : h('p', { class: 'muted' }, 'No relays.'),
    );
    this.#root.setAttribute('aria-busy', 'false');
    this.#onChannels(this.channels());
  }

  /** Refetches every channel (after a reconnect the stream may have skipped nothing, but faults are not journaled per channel). */
  async reload() {
    const { channels } = await api('/api/v1/io');
    this.render(channels);
  }

  /** Applies one journal entry; entries of other kinds are ignored. */
  apply(entry) {
    const row = this.#rows.get(entry.channel);
    if (entry.kind === 'fault') return void this.reload().catch(() => {});
    if (!row) return;
    const s = row.state;
    if (entry.kind === 'input') Object.assign(s, { level: entry.data.level, pulses: entry.data.pulses, lastChange: ms(entry.time) });
    else if (entry.kind === 'output') Object.assign(s, { active: entry.data.active, pulseUntil: entry.data.pulseUntil, lastChange: ms(entry.time) });
    else if (entry.kind === 'channel') {
      Object.assign(s, { name: entry.data.name, invert: entry.data.invert });
      if (s.direction === 'output' && entry.data.pulseMs) s.pulseMs = entry.data.pulseMs;
      this.#onChannels(this.channels());
    } else return;
    row.update();
  }

  #inputRow(state) {
    const name = h('span', { class: 'chan-name', id: `name-${state.id}` });
    const level = h('span', { class: 'level' });
    const pulses = h('span', { class: 'pulses' });
    const changed = h('time', { class: 'changed' });
    const fault = h('span', { class: 'fault', hidden: true });
    const el = h('li', { class: 'chan input', 'data-id': state.id, 'aria-labelledby': `name-${state.id}` },
      h('span', { class: 'lamp', 'aria-hidden': 'true' }),
      h('div', { class: 'chan-body' }, h('div', { class: 'chan-title' }, name, fault),
        h('div', { class: 'chan-meta' }, level, pulses, h('span', {}, 'changed ', changed))),
    );
    const update = () => {
      name.textContent = state.name;
      el.dataset.level = String(state.level);
      level.textContent = state.level === null ? 'unknown' : state.level ? 'high · 1' : 'low · 0';
      pulses.textContent = `${state.pulses} pulse${state.pulses === 1 ? '' : 's'}`;
      changed.textContent = timeOf(state.lastChange);
      changed.dateTime = state.lastChange ? new Date(state.lastChange).toISOString() : '';
      fault.hidden = !state.fault;
      fault.textContent = state.fault ? `fault: ${state.fault}` : '';
    };
    this.#rows.set(state.id, { state, el, update });
    update();
    return el;
  }

  #outputRow(state) {
    const name = h('span', { class: 'chan-name', id: `name-${state.id}` });
    const level = h('span', { class: 'level' });
    const until = h('span', { class: 'until' });
    const changed = h('time', { class: 'changed' });
    const fault = h('span', { class: 'fault', hidden: true });
    const controls = can(this.#role, 'operator') ? this.#relayControls(state) : null;
    const el = h('li', { class: 'chan output', 'data-id': state.id, 'aria-labelledby': `name-${state.id}` },
      h('span', { class: 'lamp relay', 'aria-hidden': 'true' }),
      h('div', { class: 'chan-body' }, h('div', { class: 'chan-title' }, name, fault),
        h('div', { class: 'chan-meta' }, level, until, h('span', {}, 'changed ', changed))),
      controls?.el,
    );
    const update = () => {
      name.textContent = state.name;
      el.dataset.active = String(state.active);
      level.textContent = state.active ? 'on' : 'off';
      until.hidden = !(state.active && state.pulseUntil);
      until.textContent = state.pulseUntil ? `until ${timeOf(state.pulseUntil)}` : '';
      changed.textContent = timeOf(state.lastChange);
      changed.dateTime = state.lastChange ? new Date(state.lastChange).toISOString() : '';
      fault.hidden = !state.fault;
      fault.textContent = state.fault ? `fault: ${state.fault}` : '';
      controls?.update();
    };
    this.#rows.set(state.id, { state, el, update });
    update();
    return el;
  }

  /** The switch and the pulse button of one relay (operators and admins only). */
  #relayControls(state) {
    const put = async (body, what) => {
      try {
        const answer = await api(`/api/v1/outputs/${state.index}`, { method: 'PUT', json: body });
        Object.assign(state, normalize(answer));
        this.#rows.get(state.id)?.update();
      } catch (err) {
        notify(`${state.name}: could not ${what}: ${err.message}`, 'error');
      }
    };
    const toggle = h('button', { type: 'button', class: 'switch', role: 'switch', 'aria-labelledby': `name-${state.id}` },
      h('span', { class: 'track', 'aria-hidden': 'true' }, h('span', { class: 'knob' })));
    toggle.addEventListener('click', () => busy(toggle, () => put({ active: !state.active }, state.active ? 'switch off' : 'switch on')));
    const pulse = h('button', { type: 'button', class: 'btn pulse' });
    pulse.addEventListener('click', () => busy(pulse, () => put({ pulseMs: state.pulseMs }, 'pulse')));
    return {
      el: h('div', { class: 'chan-controls' }, toggle, pulse),
      update: () => {
        toggle.setAttribute('aria-checked', String(state.active));
        pulse.textContent = `Pulse ${duration(state.pulseMs)}`;
        pulse.setAttribute('aria-label', `Pulse ${state.name} for ${duration(state.pulseMs)}`);
      },
    };
  }
}
