// The latest picture (large, replaced when a `snapshot` entry arrives) and the gallery by day.
import { api } from './api.js';
import { $, busy, h, notify } from './dom.js';
import { clockOf, dayKey, dayTitle, size, timeOf } from './format.js';

const PAGE = 60;
/** Pictures kept while new ones arrive; older ones come back with "Show older pictures". */
const MAX_SHOWN = 600;

/** A gallery record from a `snapshot` journal entry (the same fields the index lists). */
export function recordOfEntry(entry) {
  const { id, source, trigger, width, height, bytes } = entry.data;
  return { id, takenAt: entry.time, source, trigger, width, height, bytes, url: `/api/v1/snapshots/${id}.jpg` };
}

export class Pictures {
  /** Newest first, by id. */
  #records = [];
  #latestId = 0;
  #oldestStored = null;
  #blobUrl = null;
  #gallery = $('#gallery');
  #more = $('#gallery-more');

  constructor() {
    this.#more.addEventListener('click', () => busy(this.#more, () => this.#older()));
    this.#gallery.addEventListener('click', (event) => {
      const link = event.target.closest?.('a[data-id]');
      if (!link) return;
      event.preventDefault();
      this.#open(Number(link.dataset.id));
    });
    const take = document.getElementById('take');
    take?.addEventListener('click', () => busy(take, () => this.#take()));
  }

  /** Shows the newest picture and the newest page of the gallery. */
  async load() {
    // Ask the index first: an empty store then costs no 404 (which browsers log as an error).
    const [oldest] = (await api('/api/v1/snapshots?since=0&limit=1')).snapshots;
    if (!oldest) return this.#renderGallery();
    this.#oldestStored = oldest.id;
    const res = await fetch('/snapshot.jpg', { cache: 'no-store' });
    if (!res.ok) throw new Error(`GET /snapshot.jpg answered ${res.status}`);
    const id = Number(res.headers.get('x-snapshot-id'));
    this.#blobUrl = URL.createObjectURL(await res.blob());
    const page = (await api(`/api/v1/snapshots?since=${Math.max(0, id - PAGE)}&limit=${PAGE}`)).snapshots;
    this.#merge(page);
    const latest = this.#records.find((r) => r.id === id) ?? { id, takenAt: null, source: '', trigger: '', url: this.#blobUrl };
    // A picture that arrived on the stream meanwhile is newer: keep it.
    if (id >= this.#latestId) this.#showLatest(latest, this.#blobUrl);
    else URL.revokeObjectURL(this.#blobUrl);
    this.#renderGallery();
  }

  /** A picture was stored (journal entry, or our own button's answer). */
  add(record) {
    if (this.#records.some((r) => r.id === record.id)) return;
    this.#merge([record], { trim: true });
    if (record.id >= this.#latestId) this.#showLatest(record, record.url);
    this.#oldestStored ??= record.id;
    this.#renderGallery();
  }

  async #take() {
    try {
      const record = await api('/api/v1/snapshots', { method: 'POST', json: {} });
      this.add(record);
      notify(`Picture ${record.id} taken.`);
    } catch (err) {
      notify(`No picture: ${err.message}`, 'error');
    }
  }

  #merge(records, { trim = false } = {}) {
    const byId = new Map(this.#records.map((r) => [r.id, r]));
    for (const r of records) byId.set(r.id, r);
    this.#records = [...byId.values()].sort((a, b) => b.id - a.id);
    if (trim) this.#records.length = Math.min(this.#records.length, MAX_SHOWN);
  }

  #showLatest(record, url) {
    this.#latestId = record.id;
    const img = $('#latest');
    img.src = url;
    img.alt = `Picture ${record.id}${record.trigger ? `, taken by ${record.trigger}` : ''}`;
    img.dataset.id = String(record.id);
    img.hidden = false;
    $('#latest-empty').hidden = true;
    if (this.#blobUrl && url !== this.#blobUrl) {
      URL.revokeObjectURL(this.#blobUrl);
      this.#blobUrl = null;
    }
    $('#latest-caption').replaceChildren(...caption(record));
  }

  async #older() {
    const oldest = this.#records.at(-1)?.id;
    if (!oldest) return;
    // Ids only grow; retention leaves gaps, so step back until something older turns up.
    for (let before = oldest; before > (this.#oldestStored ?? 1); before -= PAGE) {
      const since = Math.max(0, before - PAGE - 1);
      const page = (await api(`/api/v1/snapshots?since=${since}&limit=${PAGE}`)).snapshots.filter((r) => r.id < oldest);
      if (page.length) {
        this.#merge(page);
        break;
      }
    }
    this.#renderGallery();
  }

  #renderGallery() {
    if (!this.#records.length) {
      this.#gallery.replaceChildren(h('p', { class: 'empty' }, 'No pictures yet.'));
      this.#more.hidden = true;
      return;
    }
    const days = new Map();
    for (const r of this.#records) {
      const key = dayKey(r.takenAt);
      if (!days.has(key)) days.set(key, []);
      days.get(key).push(r);
    }
    this.#gallery.replaceChildren(
      ...[...days].map(([key, records]) =>
        h('section', { class: 'day', 'aria-label': dayTitle(key) },
          h('h2', {}, dayTitle(key), h('span', { class: 'count' }, `${records.length} picture${records.length === 1 ? '' : 's'}`)),
          h('ul', { class: 'thumbs' }, records.map(thumb)),
        ),
      ),
    );
    this.#more.hidden = !(this.#records.at(-1).id > (this.#oldestStored ?? 0));
  }

  #open(id) {
    const record = this.#records.find((r) => r.id === id);
    if (!record) return;
    const dialog = $('#picture-dialog');
    const img = $('#picture-dialog-img');
    img.src = record.url;
    img.alt = `Picture ${record.id}`;
    $('#picture-dialog-caption').replaceChildren(...caption(record), ' ', h('a', { href: record.url, target: '_blank', rel: 'noopener' }, 'Open full size'));
    dialog.showModal();
  }
}

function caption(record) {
  const parts = [h('strong', {}, `#${record.id}`), ' ', record.takenAt ? timeOf(record.takenAt) : ''];
  if (record.trigger) parts.push(' · ', h('span', { class: 'trigger' }, record.trigger));
  if (record.source) parts.push(' · ', record.source);
  if (record.width) parts.push(` · ${record.width}×${record.height}, ${size(record.bytes)}`);
  return parts;
}

function thumb(record) {
  return h('li', { class: 'thumb', 'data-id': record.id },
    h('a', { href: record.url, 'data-id': record.id, 'aria-label': `Picture ${record.id}, ${clockOf(record.takenAt)}, ${record.trigger}` },
      h('img', { src: record.url, alt: '', loading: 'lazy', width: record.width, height: record.height, decoding: 'async' })),
    h('div', { class: 'thumb-text' }, h('time', { datetime: record.takenAt }, clockOf(record.takenAt)), h('span', { class: 'trigger', title: record.trigger }, record.trigger)),
  );
}
