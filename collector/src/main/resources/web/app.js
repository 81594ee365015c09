'use strict';
// The collector's page. Every piece of data reaches the DOM through textContent (el() below), never innerHTML.

const ACTIONS = [
  ['enable-mapihttp', 'Switch MAPI over HTTP back on for the user (MapiHttpDisabled to 0)'],
  ['clear-office-credentials', "Delete Office's cached sign-in credentials (MicrosoftOffice1x_Data:SSPI)"],
  ['reset-autodiscover-cache', "Move Outlook's Autodiscover cache aside so Outlook fetches it again"],
  ['restart-outlook', 'Close Outlook and start it again'],
];
const VERDICT_WORDS = {
  FAILING: 'Failing: Outlook cannot connect',
  DEGRADED: 'Degraded: Outlook connects, but not as it should',
  HEALTHY: 'Healthy',
  UNKNOWN: 'Unknown: the agent could not read Outlook',
};
const PROTOCOL_WORDS = { MAPI_HTTP: 'MAPI over HTTP', RPC_HTTP: 'RPC over HTTP (Outlook Anywhere, the fallback)', UNKNOWN: 'unknown' };
const VIEWS = ['login', 'devices', 'device', 'fleet', 'paste', 'audit'];

const state = { user: null, role: null, csrf: null };

function $(id) { return document.getElementById(id); }

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function fill(tbody, rows) { tbody.replaceChildren(...rows); }

function when(iso) { return iso ? new Date(iso).toLocaleString() : ''; }

function say(text, ok) {
  const m = $('message');
  m.textContent = text;
  m.className = ok ? 'ok' : '';
  m.hidden = !text;
}

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error ? body.error + (body.detail ? ': ' + body.detail : '') : 'HTTP ' + status);
    this.status = status;
  }
}

async function api(method, path, body, contentType) {
  const headers = { 'X-Requested-With': 'fetch', 'Accept': 'application/json' };
  if (method !== 'GET' && state.csrf) headers['X-CSRF-Token'] = state.csrf;
  let payload;
  if (body !== undefined) {
    headers['Content-Type'] = contentType || 'application/json';
    payload = contentType ? body : JSON.stringify(body);
  }
  const response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (response.status === 401 && path !== '/api/v1/login') {
    // a first visit has no session yet: only a lost one deserves a notice
    showLogin(state.csrf ? 'Your session ended; log in again.' : '');
    throw new ApiError(401, json);
  }
  if (!response.ok) throw new ApiError(response.status, json);
  return json;
}

function show(view) {
  for (const v of VIEWS) $(v + '-view').hidden = v !== view;
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('active', link.id === 'nav-' + view);
  }
}

function showLogin(text) {
  state.user = state.role = state.csrf = null;
  $('nav').hidden = true;
  say(text || '');
  show('login');
}

function loggedIn(session) {
  state.user = session.username;
  state.role = session.role;
  state.csrf = session.csrfToken;
  $('whoami').textContent = session.username + ' (' + session.role + ')';
  $('nav-audit').hidden = session.role !== 'admin';
  $('nav').hidden = false;
}

// --- devices ---------------------------------------------------------------------------------------------------

async function showDevices() {
  show('devices');
  const params = new URLSearchParams();
  if ($('verdict-filter').value) params.set('verdict', $('verdict-filter').value);
  if ($('device-search').value.trim()) params.set('q', $('device-search').value.trim());
  const data = await api('GET', '/api/v1/devices?' + params);
  fill($('device-table').tBodies[0], data.devices.map(d => el('tr', {
    class: 'link', dataset: { deviceId: d.deviceId }, onclick: () => { location.hash = '#/device/' + encodeURIComponent(d.deviceId); },
  },
  el('td', {}, el('a', { href: '#/device/' + encodeURIComponent(d.deviceId) }, d.hostname || d.deviceId)),
  el('td', {}, d.deviceId), el('td', {}, d.user || ''),
  el('td', { class: 'verdict ' + (d.verdict || '') }, d.verdict || 'no report yet'),
  el('td', {}, d.protocol ? PROTOCOL_WORDS[d.protocol] || d.protocol : ''),
  el('td', {}, d.endpointHost || ''), el('td', {}, when(d.lastSeen)))));
  if (data.devices.length === 0) say('No device matches.');
}

function findingItem(f) {
  const remedy = f.remedy ? ACTIONS.find(a => a[0] === f.remedy) : null;
  return el('li', { class: f.severity },
    el('strong', {}, f.severity === 'error' ? 'Problem: ' : f.severity === 'warning' ? 'Warning: ' : 'Note: '),
    f.message,
    f.evidence ? el('span', { class: 'evidence' }, 'Seen in: ' + f.evidence) : null,
    el('span', { class: 'remedy' }, remedy ? 'Self-heal can fix it: ' + remedy[1] : 'No self-heal on the PC for this one.'));
}

function rowCells(r) {
  const reqFail = r.requests === null || r.requests === undefined ? '' : r.requests + '/' + (r.failures ?? '');
  return el('tr', {}, el('td', {}, r.line), el('td', {}, r.server || ''), el('td', {}, r.type || ''),
    el('td', {}, (r.protocolText || '') + (r.protocol ? ' (' + (PROTOCOL_WORDS[r.protocol] || r.protocol) + ')' : '')),
    el('td', {}, r.status || ''), el('td', {}, reqFail), el('td', {}, r.authn || ''));
}

function facts(dl, pairs) {
  dl.replaceChildren(...pairs.filter(p => p[1] !== null && p[1] !== undefined && p[1] !== '')
    .flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, v)]));
}

async function showDevice(deviceId) {
  show('device');
  const d = await api('GET', '/api/v1/devices/' + encodeURIComponent(deviceId));
  const latest = d.latest || {};
  $('device-title').textContent = (d.hostname || d.deviceId);
  facts($('device-facts'), [
    ['Device', d.deviceId], ['User', d.user], ['Verdict', VERDICT_WORDS[d.verdict] || 'no report yet'],
    ['Protocol', d.protocol ? PROTOCOL_WORDS[d.protocol] || d.protocol : null], ['MAPI endpoint', d.endpointHost],
    ['Outlook', latest.outlook ? [latest.outlook.productName, latest.outlook.version].filter(Boolean).join(' ') : null],
    ['Last report', when(latest.createdAt)], ['Last seen', when(d.lastSeen)],
    ['Clock', d.clockSkewSeconds === null || d.clockSkewSeconds === undefined ? null : clockWords(d.clockSkewSeconds)],
  ]);
  $('enrollment-box').hidden = state.role !== 'admin';
  $('reset-enrollment').dataset.deviceId = d.deviceId;
  const findings = latest.findings || [];
  $('findings').replaceChildren(...(findings.length ? findings.map(findingItem)
    : [el('li', {}, d.latest ? 'Nothing wrong found.' : 'No report yet.')]));
  const rows = latest.connectionStatus && latest.connectionStatus.rows ? latest.connectionStatus.rows : [];
  fill($('connection-rows').tBodies[0], rows.length ? rows.map(rowCells)
    : [el('tr', {}, el('td', { colspan: 7 }, 'The report has no Connection Status table.'))]);

  const canHeal = state.role === 'helpdesk' || state.role === 'admin';
  $('heal-box').hidden = !canHeal;
  const suggested = new Set(findings.map(f => f.remedy).filter(Boolean));
  $('heal-actions').replaceChildren(el('legend', {}, 'Actions'), ...ACTIONS.map(([id, words]) => el('label', {},
    el('input', { type: 'checkbox', name: 'action', value: id, checked: suggested.has(id) }), words)));
  $('heal-form').dataset.deviceId = d.deviceId;

  fill($('command-table').tBodies[0], d.commands.map(c => el('tr', { dataset: { commandId: c.commandId } },
    el('td', {}, when(c.createdAt)), el('td', {}, c.actions.join(', ')), el('td', { class: 'status' },
      c.status + (c.deliveryAttempts > 1 ? ' (delivered ' + c.deliveryAttempts + ' times)' : '')),
    el('td', {}, c.requestedBy), el('td', {}, when(c.expiresAt)),
    el('td', {}, c.exitCode === null || c.exitCode === undefined ? '' : 'exit ' + c.exitCode + (c.message ? ': ' + c.message : '')),
    el('td', {}, canHeal && (c.status === 'queued' || c.status === 'delivered')
      ? el('button', { type: 'button', onclick: () => cancel(c.commandId, d.deviceId) }, 'Cancel') : null))));

  fill($('history-table').tBodies[0], d.reports.map(r => el('tr', {},
    el('td', {}, when(r.createdAt)), el('td', { class: 'verdict ' + r.verdict }, r.verdict),
    el('td', {}, PROTOCOL_WORDS[r.protocol] || r.protocol), el('td', {}, r.findingCodes.join(', ')))));
}

async function heal(event) {
  event.preventDefault();
  const deviceId = $('heal-form').dataset.deviceId;
  const actions = [...document.querySelectorAll('#heal-actions input:checked')].map(i => i.value);
  if (actions.length === 0) { say('Choose at least one action.'); return; }
  try {
    const command = await api('POST', '/api/v1/devices/' + encodeURIComponent(deviceId) + '/heal',
      { actions, expiresInMinutes: Number($('heal-expiry').value) || 60 });
    say('Self-heal queued (command ' + command.commandId + '). The agent picks it up at its next poll.', true);
    await showDevice(deviceId);
  } catch (e) { say(e.message); }
}

function clockWords(seconds) {
  const minutes = Math.round(Math.abs(seconds) / 60);
  return 'the PC clock is ' + minutes + ' min ' + (seconds > 0 ? 'ahead' : 'behind')
    + ': its report times are not reliable';
}

async function resetEnrollment() {
  const deviceId = $('reset-enrollment').dataset.deviceId;
  if (!window.confirm('Reset the enrollment of ' + deviceId + '? Its agent token stops working; the next PC '
    + 'to enroll as ' + deviceId + ' is bound to it.')) return;
  try {
    await api('POST', '/api/v1/devices/' + encodeURIComponent(deviceId) + '/reset-enrollment', {});
    say('Enrollment reset. The PC enrolls again at its next report.', true);
    await showDevice(deviceId);
  } catch (e) { say(e.message); }
}

async function cancel(commandId, deviceId) {
  try {
    await api('POST', '/api/v1/commands/' + encodeURIComponent(commandId) + '/cancel', {});
    say('Command cancelled.', true);
    await showDevice(deviceId);
  } catch (e) { say(e.message); }
}

// --- fleet, paste, audit ---------------------------------------------------------------------------------------

async function showFleet() {
  show('fleet');
  const data = await api('GET', '/api/v1/fleet/incidents');
  $('fleet-rule').textContent = 'Server-side when at least ' + data.serverSideMinDevices
    + ' devices on one endpoint show the same failure, starting within ' + data.onsetWindowMinutes + ' minutes.';
  fill($('incident-table').tBodies[0], data.incidents.length ? data.incidents.map(i => el('tr', {},
    el('td', {}, i.endpoint || '(unknown)'), el('td', {}, i.code),
    el('td', {}, i.deviceCount + ' of ' + i.devicesOnEndpoint),
    el('td', {}, when(i.firstSince)), el('td', { class: 'side ' + i.side }, i.side + '-side'),
    el('td', {}, i.reason))) : [el('tr', {}, el('td', { colspan: 6 }, 'No device reports a problem.'))]);
}

async function parsePasted(event) {
  event.preventDefault();
  try {
    const result = await api('POST', '/api/v1/parse-status', $('paste-text').value, 'text/plain; charset=utf-8');
    facts($('paste-facts'), [['Verdict', VERDICT_WORDS[result.verdict] || result.verdict],
      ['Protocol', PROTOCOL_WORDS[result.protocol] || result.protocol], ['Table', result.dialect]]);
    $('paste-findings').replaceChildren(...(result.findings.length ? result.findings.map(findingItem)
      : [el('li', {}, 'Nothing wrong in this table.')]),
      ...(result.unreadable || []).map(u => el('li', { class: 'warning' }, 'Line ' + u.line + ' could not be read: ' + (u.reason || ''))));
    fill($('paste-rows').tBodies[0], result.rows.map(rowCells));
    $('paste-result').hidden = false;
    say('');
  } catch (e) { $('paste-result').hidden = true; say(e.message); }
}

async function showAudit() {
  show('audit');
  const data = await api('GET', '/api/v1/audit?limit=500');
  fill($('audit-table').tBodies[0], data.entries.map(a => el('tr', {},
    el('td', {}, when(a.at)), el('td', {}, a.actor), el('td', {}, a.action), el('td', {}, a.deviceId || ''),
    el('td', {}, a.detail || ''))));
}

// --- routing and start -----------------------------------------------------------------------------------------

async function route() {
  if (!state.user) return;
  const hash = location.hash || '#/devices';
  say('');
  try {
    if (hash.startsWith('#/device/')) await showDevice(decodeURIComponent(hash.slice('#/device/'.length)));
    else if (hash === '#/fleet') await showFleet();
    else if (hash === '#/paste') show('paste');
    else if (hash === '#/audit') await showAudit();
    else await showDevices();
  } catch (e) { if (e.status !== 401) say(e.message); }
}

async function login(event) {
  event.preventDefault();
  try {
    const session = await api('POST', '/api/v1/login', { username: $('login-user').value, password: $('login-password').value });
    $('login-password').value = '';
    loggedIn(session);
    await route();
  } catch (e) { say(e.message); }
}

async function logout() {
  try { await api('POST', '/api/v1/logout'); } catch (e) { /* the session may be gone already */ }
  showLogin('Logged out.');
}

async function start() {
  $('login-form').addEventListener('submit', login);
  $('device-filter').addEventListener('submit', e => { e.preventDefault(); showDevices().catch(err => say(err.message)); });
  $('heal-form').addEventListener('submit', heal);
  $('reset-enrollment').addEventListener('click', resetEnrollment);
  $('paste-form').addEventListener('submit', parsePasted);
  $('logout').addEventListener('click', logout);
  window.addEventListener('hashchange', route);
  try {
    loggedIn(await api('GET', '/api/v1/session'));
    await route();
  } catch (e) {
    if (e.status !== 401) showLogin(e.message);
  }
}

document.addEventListener('DOMContentLoaded', start);
