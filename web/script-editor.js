// The CRON script: an editor with line numbers that the server checks as you type (errors marked
// at their line), a save the server may refuse, and a run button per entry of the running script.
import { api } from './api.js';
import { $, busy, can, debounce, h, notify } from './dom.js';

const CHECK_DELAY_MS = 300;
// A header starts with a time field or an edge (src/rules/parser.ts, HEADER_START).
const HEADER_START = /^[*\d/\\]/;

/** The entries of a (valid) script: header line, header text, first command. */
export function entriesOf(text) {
  const entries = [];
  let open = null;
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    if (line.startsWith('%')) return void (open = null);
    if (HEADER_START.test(line) || (!open && line.includes(':') && !line.includes(';'))) {
      const colon = line.indexOf(':');
      open = { line: i + 1, header: (colon >= 0 ? line.slice(0, colon) : line).trim(), commands: [] };
      entries.push(open);
      const rest = colon >= 0 ? line.slice(colon + 1).trim() : '';
      if (rest) open.commands.push(rest);
    } else if (open) open.commands.push(line);
  });
  return entries;
}

/** `line 3, column 1: unknown command` → `unknown command` (the line is shown by the editor). */
const bare = (message) => message.replace(/^line \d+, column \d+: /, '');

export class ScriptEditor {
  #role;
  #text = document.getElementById('script-text');
  #saved = '';
  #errors = [];
  #checks = 0;
  #entries = document.getElementById('entries');
  #runningCount = 0;

  constructor({ role }) {
    this.#role = role;
    if (!this.#text) return;
    const check = debounce(() => void this.#check(), CHECK_DELAY_MS);
    this.#text.addEventListener('input', () => {
      this.#setState('checking', 'Checking…');
      $('#script-refusal').hidden = true;
      this.#paint();
      check();
    });
    this.#text.addEventListener('scroll', () => this.#syncScroll());
    $('#script-save').addEventListener('click', (e) => busy(e.currentTarget, () => this.#save()));
    $('#script-revert').addEventListener('click', () => {
      this.#text.value = this.#saved;
      this.#text.dispatchEvent(new Event('input'));
    });
    $('#script-errors').addEventListener('click', (e) => {
      const item = e.target.closest?.('[data-line]');
      if (item) this.#goTo(Number(item.dataset.line), Number(item.dataset.column));
    });
  }

  /** Loads the running script (admins) or learns how many entries it has (operators). */
  async load() {
    if (!this.#entries) return;
    if (can(this.#role, 'admin')) {
      this.#saved = await api('/api/v1/script');
      this.#text.value = this.#saved;
      this.#paint();
      await this.#check();
      this.#renderEntries(entriesOf(this.#saved));
      return;
    }
    const { events } = await api('/api/v1/events?kind=script&order=desc&limit=20');
    const running = events.find((e) => e.data.errors.length === 0);
    this.#runningCount = running?.data.entries ?? 0;
    this.#renderEntries(Array.from({ length: this.#runningCount }, () => null));
  }

  /** A `script` journal entry: the running script changed (by us, the API or the file). */
  onScript(entry) {
    if (entry.data.errors.length || !this.#entries) return;
    if (can(this.#role, 'admin')) {
      if (this.#text.value === this.#saved) void this.load().catch(() => {});
      else void api('/api/v1/script').then((text) => this.#renderEntries(entriesOf((this.#saved = text))));
      return;
    }
    this.#renderEntries(Array.from({ length: entry.data.entries }, () => null));
  }

  async #check() {
    const text = this.#text.value;
    const ticket = ++this.#checks;
    try {
      const result = await api('/api/v1/script/check', { method: 'POST', text });
      if (ticket !== this.#checks) return; // a newer check is on its way
      this.#errors = result.errors;
      if (result.ok) this.#setState('ok', `✓ ${result.entries} entr${result.entries === 1 ? 'y' : 'ies'}`);
      else this.#setState('bad', `${result.errors.length} problem${result.errors.length === 1 ? '' : 's'}`);
    } catch (err) {
      if (ticket === this.#checks) this.#setState('bad', `Not checked: ${err.message}`);
    }
    this.#paint();
  }

  async #save() {
    const text = this.#text.value;
    const refusal = $('#script-refusal');
    try {
      const { entries } = await api('/api/v1/script', { method: 'PUT', text });
      this.#saved = text;
      refusal.hidden = true;
      this.#setState('ok', `✓ saved, ${entries} entr${entries === 1 ? 'y' : 'ies'} running`);
      this.#renderEntries(entriesOf(text));
      notify('Script saved; it runs now.');
    } catch (err) {
      if (err.code === 'SCRIPT_INVALID') {
        this.#errors = err.details;
        this.#setState('bad', `${err.details.length} problem${err.details.length === 1 ? '' : 's'}`);
      }
      refusal.replaceChildren(
        h('strong', {}, 'Not saved. '),
        err.code === 'SCRIPT_INVALID' ? `The server refused the script: ${err.message}. The script that was running keeps running.` : err.message,
      );
      refusal.hidden = false;
    }
    this.#paint();
  }

  #setState(kind, text) {
    const pill = $('#script-state');
    pill.dataset.state = kind;
    pill.textContent = text;
  }

  /** Line numbers, error marks at their line and column, the problem list, the dirty state. */
  #paint() {
    const lines = this.#text.value.split('\n');
    const byLine = new Map();
    for (const e of this.#errors) if (!byLine.has(e.line)) byLine.set(e.line, e);
    $('#gutter').replaceChildren(h('div', { class: 'inner' }, lines.map((_, i) => h('span', { class: byLine.has(i + 1) ? 'err' : null }, i + 1))));
    $('#backdrop').replaceChildren(h('div', { class: 'inner' }, lines.map((text, i) => backdropLine(text, byLine.get(i + 1)))));
    $('#script-errors').replaceChildren(
      ...this.#errors.map((e) =>
        h('li', {}, h('button', { type: 'button', class: 'link', 'data-line': e.line, 'data-column': e.column }, `Line ${e.line}, column ${e.column}`), ': ', bare(e.message)),
      ),
    );
    const dirty = this.#text.value !== this.#saved;
    $('#editor').dataset.dirty = String(dirty);
    $('#script-revert').disabled = !dirty;
    this.#syncScroll();
  }

  #syncScroll() {
    const { scrollTop, scrollLeft } = this.#text;
    for (const inner of document.querySelectorAll('#gutter .inner, #backdrop .inner')) {
      inner.style.transform = `translate(${inner.closest('#gutter') ? 0 : -scrollLeft}px, ${-scrollTop}px)`;
    }
  }

  #goTo(line, column) {
    const lines = this.#text.value.split('\n');
    const offset = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, column - 1);
    this.#text.focus();
    this.#text.setSelectionRange(offset, offset);
  }

  /** Run buttons for the running script's entries (`null` items: only the count is known). */
  #renderEntries(entries) {
    if (!entries.length) {
      this.#entries.replaceChildren(h('li', { class: 'muted' }, 'The running script has no entries.'));
      return;
    }
    this.#entries.replaceChildren(
      ...entries.map((entry, i) => {
        const n = i + 1;
        const run = h('button', { type: 'button', class: 'btn', 'aria-label': `Run entry ${n}` }, '▶ Run');
        run.addEventListener('click', () => busy(run, () => this.#run(n)));
        return h('li', { class: 'entry' },
          h('div', { class: 'entry-text' },
            h('span', { class: 'entry-n' }, `Entry ${n}`),
            entry ? h('code', {}, `${entry.header} :`) : null,
            entry?.commands.length ? h('span', { class: 'muted' }, entry.commands.slice(0, 3).join(' ') + (entry.commands.length > 3 ? ' …' : '')) : null,
          ),
          run,
        );
      }),
    );
  }

  async #run(n) {
    try {
      await api(`/api/v1/script/entries/${n}/run`, { method: 'POST' });
      notify(`Entry ${n} started.`);
    } catch (err) {
      notify(`Entry ${n} did not run: ${err.message}`, 'error');
    }
  }
}

/** One line of the layer under the textarea: the text (invisible), the error's column underlined, the message after it. */
function backdropLine(text, error) {
  if (!error) return h('div', { class: 'line' }, h('span', { class: 'ghost' }, text));
  const at = Math.min(Math.max(0, error.column - 1), text.length);
  const end = text.slice(at).search(/\s|;|$/) + at;
  const mark = text.slice(at, Math.max(end, at + 1)) || ' ';
  return h('div', { class: 'line err' },
    h('span', { class: 'ghost' }, text.slice(0, at)),
    h('span', { class: 'ghost mark' }, mark),
    h('span', { class: 'ghost' }, text.slice(at + mark.length)),
    h('span', { class: 'msg' }, `  ⟵ ${bare(error.message)}`),
  );
}
