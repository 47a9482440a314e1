// auxio's web page: boots from /api/v1/status (who is logged in, with which role), shows only the
// controls that role may use, and keeps every view current from the journal's event stream.
import { api, onLoginLost } from './api.js';
import { $, can, h, notify } from './dom.js';
import { EventLog, RecentEvents } from './event-log.js';
import { IoPanel } from './io-panel.js';
import { Pictures, recordOfEntry } from './pictures.js';
import { ScriptEditor } from './script-editor.js';
import { Settings } from './settings.js';
import { openStream } from './stream.js';

const VIEWS = { live: 'Live', pictures: 'Pictures', events: 'Events', script: 'Script', settings: 'Settings' };
const CONNECTION_TEXT = { connecting: 'connecting', live: 'live', reconnecting: 'reconnecting…', offline: 'offline' };

/** Removes what the role may not use: viewers get no switches, operators no admin parts. */
function applyRole(role) {
  for (const el of document.querySelectorAll('[data-min-role]')) if (!can(role, el.dataset.minRole)) el.remove();
  document.body.dataset.role = role;
}

function showUser(user) {
  $('#user').replaceChildren(h('span', { class: 'user-name' }, user.username), h('span', { class: `role role-${user.role}` }, user.role));
}

/** The server's warnings (the factory password, a full disk) as banners, until the server stops sending them. */
function showBanners(status) {
  const banners = status.warnings.map((text) =>
    h('div', { class: 'banner warn', role: 'alert' },
      h('strong', {}, 'Warning: '), text, ' ',
      status.factoryPassword && status.user.username === 'root' ? h('a', { href: '#settings' }, 'Change the password now') : null,
    ),
  );
  $('#banners').replaceChildren(...banners, ...document.querySelectorAll('#banners .banner.login'));
}

function showLoginLost() {
  if (document.querySelector('#banners .login')) return;
  const reload = h('button', { type: 'button', class: 'btn' }, 'Log in again');
  reload.addEventListener('click', () => location.reload());
  $('#banners').append(h('div', { class: 'banner error login', role: 'alert' }, 'Your login no longer works (was the password changed?). ', reload));
}

function setConnection(state) {
  const conn = $('#conn');
  conn.dataset.state = state;
  conn.textContent = CONNECTION_TEXT[state];
}

/** Makes the browser remember a new password for this origin, so the page goes on without a prompt. */
function rememberLogin(username, password) {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('GET', '/api/v1/status', true, username, password);
    xhr.onloadend = () => resolve(xhr.status === 200);
    xhr.send();
  });
}

/**
 * Shows the view the URL's hash names (`#events`; the live view otherwise, also for views the role
 * lacks), marks its tab, and runs its loader the first time it is shown.
 */
function startRouter(loaders) {
  const loaded = new Set();
  const route = () => {
    const wanted = location.hash.slice(1);
    const view = wanted in VIEWS && document.getElementById(`view-${wanted}`) ? wanted : 'live';
    for (const name of Object.keys(VIEWS)) {
      const section = document.getElementById(`view-${name}`);
      if (section) section.hidden = name !== view;
    }
    for (const a of document.querySelectorAll('.tabs a')) {
      if (a.getAttribute('href') === `#${view}`) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    document.title = `${VIEWS[view]} · auxio`;
    if (loaded.has(view) || !loaders[view]) return;
    loaded.add(view);
    loaders[view]().catch((err) => {
      loaded.delete(view);
      notify(`${VIEWS[view]}: ${err.message}`, 'error');
    });
  };
  window.addEventListener('hashchange', route);
  route();
}

async function boot() {
  const status = await api('/api/v1/status');
  const { user } = status;
  applyRole(user.role);
  showUser(user);
  showBanners(status);
  onLoginLost(showLoginLost);

  const log = new EventLog();
  const recent = new RecentEvents();
  const settings = new Settings({
    user,
    onPasswordChanged: async (password) => {
      const ok = await rememberLogin(user.username, password);
      notify(ok ? 'Password changed.' : 'Password changed: reload the page and log in with the new one.');
      if (ok) await api('/api/v1/status').then(showBanners, () => {});
    },
  });
  const io = new IoPanel($('#io'), {
    role: user.role,
    onChannels: (channels) => {
      log.setChannels(channels);
      settings.setChannels(channels);
    },
  });
  const pictures = new Pictures();
  const script = new ScriptEditor({ role: user.role });

  await io.reload();
  // Entries are applied by kind; every entry also goes to the event log.
  const handlers = {
    input: (e) => io.apply(e),
    output: (e) => io.apply(e),
    channel: (e) => io.apply(e),
    fault: (e) => io.apply(e),
    snapshot: (e) => pictures.add(recordOfEntry(e)),
    script: (e) => script.onScript(e),
    // Another user's change may end a warning; our own password change is handled where it is made
    // (asking now, with the old password still cached, would race the new login).
    user: (e) => {
      if (e.data.username !== user.username) void api('/api/v1/status').then(showBanners, () => {});
    },
    storage: () => void api('/api/v1/status').then(showBanners, () => {}),
  };
  openStream({
    since: status.lastSeq,
    onEntry: (e) => {
      handlers[e.kind]?.(e);
      log.onLive(e);
      recent.onLive(e);
    },
    onState: setConnection,
    resync: () => io.reload(),
  });

  startRouter({ events: () => log.reset(), script: () => script.load(), settings: () => settings.load() });
  await Promise.all([
    recent.load().catch((err) => notify(`Events: ${err.message}`, 'error')),
    pictures.load().catch((err) => notify(`Pictures: ${err.message}`, 'error')),
  ]);
  document.body.dataset.ready = 'true';
}

boot().catch((err) => {
  $('#banners').append(h('div', { class: 'banner error', role: 'alert' }, `The page could not start: ${err.message}`));
});
