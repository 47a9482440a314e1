// The journal, newest first: pages back with `order=desc&before=`, filters by channel and kind,
// and new entries from the stream appear on top when they match the filter.
import { api } from './api.js';
import { $, busy, h } from './dom.js';
import { clockOf, KINDS, summary, timeOf } from './format.js';

const PAGE = 50;
/** Rows kept while entries stream in; older ones come back with "Show older entries". */
const MAX_ROWS = 500;

export class EventLog {
  #rows = $('#event-rows');
  #more = $('#events-more');
  #empty = $('#events-empty');
  #channel = $('#filter-channel');
  #kind = $('#filter-kind');
  #oldest = null;
  #loaded = false;
  #generation = 0;

  constructor() {
    this.#kind.append(...KINDS.map((k) => h('option', { value: k }, k)));
    const changed = () => void this.reset();
    this.#channel.addEventListener('change', changed);
    this.#kind.addEventListener('change', changed);
    $('#event-filter').addEventListener('submit', (e) => e.preventDefault());
    this.#more.addEventListener('click', () => busy(this.#more, () => this.#page()));
  }

  /** Offers the current channels (with their names) in the channel filter. */
  setChannels(channels) {
    const keep = this.#channel.value;
    this.#channel.replaceChildren(
      h('option', { value: '' }, 'All channels'),
      ...channels.map((c) => h('option', { value: c.id }, `${c.id} — ${c.name}`)),
    );
    this.#channel.value = channels.some((c) => c.id === keep) ? keep : '';
  }

  /** Starts over from the newest entry with the current filter. */
  async reset() {
    this.#generation++;
    this.#oldest = null;
    this.#rows.replaceChildren();
    await this.#page();
    this.#loaded = true;
  }

  /** An entry from the stream: shown on top if the filter takes it. */
  onLive(entry) {
    if (!this.#loaded || !this.#matches(entry)) return;
    if (this.#rows.querySelector(`tr[data-seq="${entry.seq}"]`)) return;
    this.#rows.prepend(row(entry, true));
    this.#empty.hidden = true;
    if (this.#rows.childElementCount > MAX_ROWS) {
      while (this.#rows.childElementCount > MAX_ROWS) this.#rows.lastElementChild.remove();
      this.#oldest = Number(this.#rows.lastElementChild.dataset.seq);
      this.#more.hidden = false;
    }
  }

  #matches(entry) {
    return (!this.#channel.value || entry.channel === this.#channel.value) && (!this.#kind.value || entry.kind === this.#kind.value);
  }

  async #page() {
    const generation = this.#generation;
    const q = new URLSearchParams({ order: 'desc', limit: String(PAGE) });
    if (this.#oldest !== null) q.set('before', String(this.#oldest));
    if (this.#channel.value) q.set('channel', this.#channel.value);
    if (this.#kind.value) q.set('kind', this.#kind.value);
    const { events } = await api(`/api/v1/events?${q}`);
    if (generation !== this.#generation) return; // the filter changed meanwhile
    const fresh = events.filter((e) => !this.#rows.querySelector(`tr[data-seq="${e.seq}"]`));
    this.#rows.append(...fresh.map((e) => row(e, false)));
    if (events.length) this.#oldest = events.at(-1).seq;
    this.#more.hidden = events.length < PAGE;
    this.#empty.hidden = this.#rows.childElementCount > 0;
  }
}

function row(e, live) {
  return h('tr', { 'data-seq': e.seq, 'data-kind': e.kind, class: live ? 'live' : null },
    h('td', { class: 'seq', 'data-label': '#' }, e.seq),
    h('td', { class: 'time', 'data-label': 'Time' }, h('time', { datetime: e.time, title: e.time }, timeOf(e.time))),
    h('td', { class: 'kind', 'data-label': 'Kind' }, h('span', { class: `tag k-${e.kind}` }, e.kind)),
    h('td', { class: 'channel', 'data-label': 'Channel' }, e.channel ?? ''),
    h('td', { class: 'actor', 'data-label': 'By' }, e.actor ?? ''),
    h('td', { class: 'details', 'data-label': 'Details' }, summary(e)),
  );
}

/** The live view's short list of the newest entries. */
export class RecentEvents {
  #list = $('#recent');
  #size;

  constructor(size = 8) {
    this.#size = size;
  }

  async load() {
    const { events } = await api(`/api/v1/events?order=desc&limit=${this.#size}`);
    const known = new Set([...this.#list.children].map((li) => li.dataset.seq));
    this.#list.append(...events.filter((e) => !known.has(String(e.seq))).map(item));
    this.#trim();
  }

  onLive(entry) {
    if (this.#list.querySelector(`li[data-seq="${entry.seq}"]`)) return;
    this.#list.prepend(item(entry));
    this.#trim();
  }

  #trim() {
    const items = [...this.#list.children].sort((a, b) => Number(b.dataset.seq) - Number(a.dataset.seq));
    this.#list.replaceChildren(...items.slice(0, this.#size));
  }
}

function item(e) {
  return h('li', { 'data-seq': e.seq },
    h('time', { datetime: e.time, title: timeOf(e.time) }, clockOf(e.time)),
    h('span', { class: `tag k-${e.kind}` }, e.kind),
    h('span', { class: 'recent-text' }, e.channel ? h('code', {}, e.channel, ' ') : null, summary(e)),
  );
}
