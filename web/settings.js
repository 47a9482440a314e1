// Settings: the logged-in user's password (everyone), and for admins the users and roles, each
// channel's name, inversion and pulse length, and the running configuration (read-only).
import { api } from './api.js';
import { $, busy, can, h, notify } from './dom.js';

const ROLES = ['viewer', 'operator', 'admin'];

export class Settings {
  #user;
  #onPasswordChanged;

  /** `onPasswordChanged` runs after the logged-in user's own password changed. */
  constructor({ user, onPasswordChanged }) {
    this.#user = user;
    this.#onPasswordChanged = onPasswordChanged;
    $('#password-form').addEventListener('submit', (e) => this.#changePassword(e));
    document.getElementById('user-form')?.addEventListener('submit', (e) => this.#addUser(e));
  }

  async load() {
    if (!can(this.#user.role, 'admin')) return;
    await Promise.all([this.#loadUsers(), this.#loadConfig()]);
  }

  /** Builds one settings form per channel (admins). */
  setChannels(channels) {
    const box = document.getElementById('channel-forms');
    if (!box) return;
    // A form being edited is left alone; the others follow the journal.
    const editing = box.contains(document.activeElement) ? document.activeElement.closest('form')?.dataset.id : undefined;
    const forms = channels.map((c) => (c.id === editing ? box.querySelector(`form[data-id="${c.id}"]`) : channelForm(c)));
    box.replaceChildren(...forms);
  }

  async #changePassword(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const { password, repeat } = Object.fromEntries(new FormData(form));
    if (password !== repeat) return void notify('The two passwords differ.', 'error');
    await busy(form.querySelector('button'), async () => {
      try {
        await api(`/api/v1/users/${encodeURIComponent(this.#user.username)}`, { method: 'PUT', json: { password } });
      } catch (err) {
        return notify(`Password not changed: ${err.message}`, 'error');
      }
      form.reset();
      await this.#onPasswordChanged(password);
    });
  }

  async #loadUsers() {
    const { users } = await api('/api/v1/users');
    $('#user-rows').replaceChildren(...users.sort((a, b) => a.username.localeCompare(b.username)).map((u) => this.#userRow(u)));
  }

  #userRow(u) {
    const select = h('select', { 'aria-label': `Role of ${u.username}` }, ROLES.map((r) => h('option', { value: r, selected: r === u.role }, r)));
    select.addEventListener('change', async () => {
      try {
        await api(`/api/v1/users/${encodeURIComponent(u.username)}`, { method: 'PUT', json: { role: select.value } });
        notify(`${u.username} is now ${select.value}.`);
        u.role = select.value;
      } catch (err) {
        select.value = u.role;
        notify(`Role not changed: ${err.message}`, 'error');
      }
    });
    const remove = h('button', { type: 'button', class: 'btn danger', 'aria-label': `Delete ${u.username}` }, 'Delete');
    remove.addEventListener('click', () =>
      busy(remove, async () => {
        if (!confirm(`Delete the user ${u.username}?`)) return;
        try {
          await api(`/api/v1/users/${encodeURIComponent(u.username)}`, { method: 'DELETE' });
          notify(`${u.username} deleted.`);
          await this.#loadUsers();
        } catch (err) {
          notify(`Not deleted: ${err.message}`, 'error');
        }
      }),
    );
    const me = u.username === this.#user.username;
    return h('tr', { 'data-user': u.username },
      h('th', { scope: 'row' }, u.username, me ? h('span', { class: 'muted' }, ' (you)') : null),
      h('td', {}, select),
      h('td', { class: 'right' }, remove),
    );
  }

  async #addUser(event) {
    event.preventDefault();
    const form = event.currentTarget;
    const { username, password, role } = Object.fromEntries(new FormData(form));
    await busy(form.querySelector('button'), async () => {
      try {
        const existing = [...document.querySelectorAll('#user-rows tr')].some((tr) => tr.dataset.user === username);
        if (existing) throw new Error(`${username} exists already; change the role in the list`);
        await api(`/api/v1/users/${encodeURIComponent(username)}`, { method: 'PUT', json: { password, role } });
        notify(`${username} added as ${role}.`);
        form.reset();
        await this.#loadUsers();
      } catch (err) {
        notify(`User not added: ${err.message}`, 'error');
      }
    });
  }

  async #loadConfig() {
    $('#config').textContent = JSON.stringify(await api('/api/v1/config'), null, 2);
  }
}

function channelForm(c) {
  const output = c.direction === 'output';
  const form = h('form', { class: 'form channel', 'data-id': c.id, 'aria-label': `Settings of ${c.id}` },
    h('span', { class: 'chan-id' }, c.id),
    h('label', {}, 'Name ', h('input', { name: 'name', value: c.name, required: true, maxlength: 64 })),
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'invert', checked: c.invert }), ' Inverted'),
    output ? h('label', {}, 'Pulse (ms) ', h('input', { name: 'pulseMs', type: 'number', min: 1, max: 3600000, step: 1, value: c.pulseMs, required: true })) : h('span', {}),
    h('button', { class: 'btn', type: 'submit' }, 'Save'),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = { name: String(data.get('name')), invert: data.get('invert') === 'on' };
    if (output) body.pulseMs = Number(data.get('pulseMs'));
    await busy(form.querySelector('button'), async () => {
      try {
        await api(`/api/v1/channels/${c.id}`, { method: 'PATCH', json: body });
        notify(`${c.id} saved.`);
        form.querySelector('button').blur();
      } catch (err) {
        notify(`${c.id} not saved: ${err.message}`, 'error');
      }
    });
  });
  return form;
}
