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
const VIEWS = ['login', 'overview', 'devices', 'device', 'fleet', 'paste', 'audit', 'bulks', 'bulk'];

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
  if (response.status === 401 && !path.startsWith('/api/v1/login')) {
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
  $('nav-bulks').hidden = session.role !== 'admin';
  $('nav').hidden = false;
}

// --- overview --------------------------------------------------------------------------------------------------

function share(n, total) { return total ? Math.round(100 * n / total) + '%' : '–'; }

function card(label, n, total, cls) {
  return el('div', { class: 'card ' + (cls || '') }, el('span', { class: 'n' }, n),
    el('span', {}, label + (total === undefined ? '' : ' (' + share(n, total) + ')')));
}

/** Opens the device list filtered to these values (the other filters cleared). */
function listDevices(filters) {
  for (const id of ['verdict-filter', 'protocol-filter', 'finding-filter', 'endpoint-filter', 'channel-filter',
    'seen-before-filter', 'device-search']) $(id).value = '';
  for (const [id, value] of Object.entries(filters)) $(id).value = value;
  list.offset = 0;
  location.hash = '#/devices';
}

async function showOverview() {
  show('overview');
  const s = await api('GET', '/api/v1/fleet/summary');
  const v = s.byVerdict, p = s.byProtocol;
  $('overview-totals').replaceChildren(card('devices', s.devices),
    card('on MAPI/HTTP', p.MAPI_HTTP, s.devices, 'ok'), card('on the RPC/HTTP fallback', p.RPC_HTTP, s.devices, 'warn'),
    card('protocol unknown', p.UNKNOWN, s.devices),
    card('failing', v.FAILING, s.devices, 'bad'), card('degraded', v.DEGRADED, s.devices, 'warn'),
    card('healthy', v.HEALTHY, s.devices, 'ok'), card('unknown', v.UNKNOWN, s.devices),
    card('stopped reporting', s.stale.count, s.devices));
  fill($('overview-incidents').tBodies[0], s.incidents.length ? s.incidents.map(i => el('tr', { class: 'side-' + i.side },
    el('td', { class: 'side ' + i.side }, i.side + '-side'), el('td', {}, i.endpoint || '(unknown)'),
    el('td', {}, el('a', { href: '#/devices', onclick: e => { e.preventDefault(); listDevices({ 'finding-filter': i.code, 'endpoint-filter': i.endpoint || '' }); } }, i.code)),
    el('td', {}, i.deviceCount + ' of ' + i.devicesOnEndpoint), el('td', {}, when(i.firstSince)),
    el('td', {}, i.cause ? [el('strong', {}, 'Cause ' + i.cause.number + ': ' + i.cause.name),
      el('code', { class: 'ps' }, i.cause.confirm)] : i.reason)))
    : [el('tr', {}, el('td', { colspan: 6 }, 'No open incident.'))]);
  $('overview-incident-more').textContent = s.incidentTotal > s.incidents.length
    ? s.incidentTotal + ' open incidents; the ' + s.incidents.length + ' most important are shown (all under Fleet incidents).' : '';
  fill($('overview-endpoints').tBodies[0], s.endpoints.map(e => el('tr', {},
    el('td', {}, e.endpoint || '(none reported)'), el('td', {}, e.devices),
    el('td', {}, share(e.byProtocol.MAPI_HTTP, e.devices)), el('td', {}, share(e.byProtocol.RPC_HTTP, e.devices)),
    el('td', {}, share(e.byProtocol.UNKNOWN, e.devices)), el('td', {}, e.byVerdict.FAILING),
    el('td', {}, e.byVerdict.DEGRADED), el('td', {}, e.byVerdict.HEALTHY))));
  const endpointSelect = $('history-endpoint');
  const chosen = endpointSelect.value;
  endpointSelect.replaceChildren(el('option', { value: '' }, 'whole fleet'),
    ...s.endpoints.filter(e => e.endpoint).map(e => el('option', { value: e.endpoint }, e.endpoint)));
  endpointSelect.value = chosen;
  await showHistory();
  $('overview-stale').textContent = s.stale.count === 0 ? 'Every agent reported within the last ' + s.stale.days + ' days.'
    : s.stale.count + ' agents sent no report for more than ' + s.stale.days + ' days' + (s.stale.count > s.stale.devices.length ? '; the longest silent:' : ':');
  $('overview-stale-list').replaceChildren(...s.stale.devices.map(d => el('li', {},
    el('a', { href: '#/device/' + encodeURIComponent(d.deviceId) }, d.hostname || d.deviceId), ' – last seen ' + when(d.lastSeen))));
}

const SHARE_SERIES = [['MAPI_HTTP', 'MAPI/HTTP', '#1e6b34'], ['RPC_HTTP', 'RPC/HTTP fallback', '#b36b00'], ['UNKNOWN', 'protocol unknown', '#5f6368']];
let historyChart = null;

/** The share of devices on each protocol over time, drawn with uPlot (served from the jar's webjar). */
async function showHistory() {
  const params = new URLSearchParams({ interval: $('history-interval').value });
  if ($('history-endpoint').value) params.set('endpoint', $('history-endpoint').value);
  const data = await api('GET', '/api/v1/fleet/history?' + params);
  const totals = data.points.map(p => Object.values(p.protocols).reduce((a, b) => a + b, 0));
  const columns = [data.points.map(p => Date.parse(p.at) / 1000),
    ...SHARE_SERIES.map(([key]) => data.points.map((p, i) => totals[i] ? Math.round(1000 * p.protocols[key] / totals[i]) / 10 : null))];
  const box = $('history-chart');
  if (historyChart) historyChart.destroy();
  historyChart = null;
  box.dataset.points = data.points.length;
  if (data.points.length === 0) {
    $('history-summary').textContent = 'No history yet: the collector records the fleet every 5 minutes.';
    return;
  }
  historyChart = new uPlot({
    width: Math.min(1100, box.clientWidth || 900), height: 260,
    scales: { y: { range: [0, 100] } },
    axes: [{}, { values: (u, ticks) => ticks.map(t => t + '%') }],
    series: [{}, ...SHARE_SERIES.map(([, label, stroke]) => ({ label, stroke, width: 2, value: (u, v) => v === null ? '–' : v + '%' }))],
  }, columns, box);
  const last = data.points.length - 1;
  $('history-summary').textContent = data.points.length + (data.interval === 'day' ? ' daily' : ' hourly') + ' points; latest ('
    + when(data.points[last].at) + '): ' + SHARE_SERIES.map(([, label], k) => columns[k + 1][last] + '% ' + label).join(', ') + '.';
}

// --- devices ---------------------------------------------------------------------------------------------------

const PAGE_SIZE = 50;
const list = { sort: 'hostname', offset: 0 };

function deviceFilterParams() {
  const params = new URLSearchParams();
  const fields = [['verdict', 'verdict-filter'], ['protocol', 'protocol-filter'], ['finding', 'finding-filter'],
    ['endpoint', 'endpoint-filter'], ['officeChannel', 'channel-filter'], ['seenBefore', 'seen-before-filter'],
    ['q', 'device-search']];
  for (const [name, id] of fields) if ($(id).value.trim()) params.set(name, $(id).value.trim());
  params.set('sort', list.sort);
  return params;
}

async function showDevices() {
  show('devices');
  const params = deviceFilterParams();
  params.set('limit', PAGE_SIZE);
  params.set('offset', list.offset);
  const data = await api('GET', '/api/v1/devices?' + params);
  fill($('device-table').tBodies[0], data.devices.map(d => el('tr', {
    class: 'link', dataset: { deviceId: d.deviceId }, onclick: () => { location.hash = '#/device/' + encodeURIComponent(d.deviceId); },
  },
  el('td', {}, el('a', { href: '#/device/' + encodeURIComponent(d.deviceId) }, d.hostname || d.deviceId)),
  el('td', {}, d.deviceId), el('td', {}, d.user || ''),
  el('td', { class: 'verdict ' + (d.verdict || '') }, d.verdict || 'no report yet'),
  el('td', {}, d.protocol ? PROTOCOL_WORDS[d.protocol] || d.protocol : ''),
  el('td', {}, d.endpointHost || ''), el('td', {}, when(d.lastSeen)))));
  for (const th of document.querySelectorAll('#device-table th[data-sort]')) {
    const key = th.dataset.sort;
    th.className = list.sort === key ? 'sorted' : list.sort === '-' + key ? 'sorted desc' : '';
  }
  $('page-info').textContent = data.total === 0 ? 'No device matches.'
    : (list.offset + 1) + '–' + (list.offset + data.devices.length) + ' of ' + data.total;
  $('page-prev').disabled = list.offset === 0;
  $('page-next').disabled = list.offset + data.devices.length >= data.total;
  $('bulk-box').hidden = state.role !== 'admin';
}

function sortBy(key) {
  list.sort = list.sort === key ? '-' + key : key;
  list.offset = 0;
  showDevices().catch(err => say(err.message));
}

function turnPage(step) {
  list.offset = Math.max(0, list.offset + step * PAGE_SIZE);
  showDevices().catch(err => say(err.message));
}

/** The whole filtered list (not just this page) as a CSV file, fetched with the session and handed to the browser. */
async function exportCsv() {
  const response = await fetch('/api/v1/devices?' + deviceFilterParams(),
    { headers: { 'Accept': 'text/csv', 'X-Requested-With': 'fetch' }, credentials: 'same-origin' });
  if (!response.ok) { say('Export failed: HTTP ' + response.status); return; }
  const link = el('a', { href: URL.createObjectURL(await response.blob()), download: 'devices.csv' });
  document.body.append(link);
  link.click();
  link.remove();
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

// --- bulk heals (admins) ---------------------------------------------------------------------------------------

const OUTCOME_WORDS = {
  pending: 'not started yet', queued: 'queued', delivered: 'delivered', succeeded: 'succeeded', failed: 'failed',
  refused: 'refused by the PC', expired: 'expired', cancelled: 'cancelled', skipped: 'skipped',
  'cancelled-before-start': 'cancelled before start',
};
const OUTCOME_CLASS = { succeeded: 'ok', failed: 'bad', refused: 'bad', expired: 'warn', skipped: 'warn' };
const STILL_MOVING = ['pending', 'queued', 'delivered'];
const BULK_REFRESH_MS = 2000;
let bulkTimer = null;

function describeFilter(filter) {
  const terms = Object.entries(filter).map(([k, v]) => k + ' = ' + v);
  return terms.length ? terms.join(', ') : 'every device';
}

/** What the bulk box would queue: the device list's current filter (not its sort or page), actions and rate. */
function bulkRequest() {
  const params = deviceFilterParams();
  params.delete('sort');
  return {
    filter: Object.fromEntries(params),
    actions: [...document.querySelectorAll('#bulk-actions input:checked')].map(i => i.value),
    perMinute: Number($('bulk-per-minute').value),
  };
}

/** A changed filter, action or rate needs a new count before anything is queued. */
function resetBulkPreview() {
  $('bulk-confirm').disabled = true;
  $('bulk-confirm').textContent = 'Queue the heal';
  $('bulk-count').textContent = '';
  delete $('bulk-form').dataset.request;
}

async function previewBulk() {
  resetBulkPreview();
  const request = bulkRequest();
  const result = await api('POST', '/api/v1/bulk-heals?dryRun=true', request);
  $('bulk-count').dataset.devices = result.devices;
  $('bulk-count').textContent = result.devices === 0 ? 'No device matches ' + describeFilter(request.filter) + '.'
    : result.devices + ' devices match ' + describeFilter(request.filter) + '.';
  if (result.devices > 0) {
    // what was counted is what gets queued
    $('bulk-form').dataset.request = JSON.stringify(request);
    $('bulk-confirm').textContent = 'Queue the heal for ' + result.devices + ' devices';
    $('bulk-confirm').disabled = false;
  }
}

async function queueBulk(event) {
  event.preventDefault();
  if (!$('bulk-form').dataset.request) return;
  const created = await api('POST', '/api/v1/bulk-heals', JSON.parse($('bulk-form').dataset.request));
  resetBulkPreview();
  location.hash = '#/bulk/' + encodeURIComponent(created.bulkId);
}

function progressWords(counts) {
  return Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => n + ' ' + (OUTCOME_WORDS[k] || k)).join(', ');
}

async function showBulks() {
  show('bulks');
  const data = await api('GET', '/api/v1/bulk-heals');
  fill($('bulks-table').tBodies[0], data.bulkHeals.length ? data.bulkHeals.map(b => el('tr', {
    class: 'link', dataset: { bulkId: b.bulkId }, onclick: () => { location.hash = '#/bulk/' + encodeURIComponent(b.bulkId); },
  }, el('td', {}, el('a', { href: '#/bulk/' + encodeURIComponent(b.bulkId) }, when(b.createdAt))), el('td', {}, b.createdBy),
  el('td', {}, describeFilter(b.filter)), el('td', {}, b.actions.join(', ')), el('td', {}, b.devices),
  el('td', {}, b.state), el('td', {}, progressWords(b.counts))))
    : [el('tr', {}, el('td', { colspan: 7 }, 'No bulk heal yet.'))]);
}

function stopBulkRefresh() {
  if (bulkTimer) clearTimeout(bulkTimer);
  bulkTimer = null;
}

/** A bulk heal's progress, refreshed every few seconds while devices are still to start or to answer. */
async function showBulk(bulkId) {
  stopBulkRefresh();
  show('bulk');
  const b = await api('GET', '/api/v1/bulk-heals/' + encodeURIComponent(bulkId));
  $('bulk-title').textContent = 'Bulk heal of ' + b.devices + ' devices';
  facts($('bulk-facts'), [['Filter', describeFilter(b.filter)], ['Actions', b.actions.join(', ')],
    ['Rate', b.perMinute + ' devices per minute'], ['Started', when(b.createdAt) + ' by ' + b.createdBy],
    ['State', b.state + (b.cancelledBy ? ' by ' + b.cancelledBy : '') + (b.finishedAt ? ' at ' + when(b.finishedAt) : '')]]);
  $('bulk-counts').replaceChildren(...Object.entries(b.counts).map(([outcome, n]) => el('div',
    { class: 'card ' + (OUTCOME_CLASS[outcome] || ''), dataset: { outcome } },
    el('span', { class: 'n' }, n), el('span', {}, OUTCOME_WORDS[outcome] || outcome))));
  $('bulk-cancel').hidden = b.state !== 'running';
  $('bulk-cancel').dataset.bulkId = b.bulkId;
  fill($('bulk-items').tBodies[0], b.items.map(i => el('tr', { dataset: { deviceId: i.deviceId } },
    el('td', {}, el('a', { href: '#/device/' + encodeURIComponent(i.deviceId) }, i.deviceId)), el('td', {}, i.hostname || ''),
    el('td', { class: 'outcome' }, OUTCOME_WORDS[i.outcome] || i.outcome), el('td', {}, when(i.startedAt)),
    el('td', {}, i.reason || ''))));
  $('bulk-items-more').textContent = b.items.length < b.devices ? 'The first ' + b.items.length + ' of ' + b.devices
    + ' devices are listed; the counts above cover all of them.' : '';
  const here = '#/bulk/' + encodeURIComponent(bulkId);
  if (b.state === 'running' || STILL_MOVING.some(k => b.counts[k] > 0)) {
    bulkTimer = setTimeout(() => {
      if (location.hash === here) showBulk(bulkId).catch(e => say(e.message));
    }, BULK_REFRESH_MS);
  }
}

async function cancelBulk() {
  const bulkId = $('bulk-cancel').dataset.bulkId;
  await api('POST', '/api/v1/bulk-heals/' + encodeURIComponent(bulkId) + '/cancel', {});
  await showBulk(bulkId);
  say('Bulk heal cancelled: the devices not started yet will not be healed.', true);
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
  const hash = location.hash || '#/overview';
  say('');
  stopBulkRefresh();
  try {
    if (hash.startsWith('#/device/')) await showDevice(decodeURIComponent(hash.slice('#/device/'.length)));
    else if (hash === '#/fleet') await showFleet();
    else if (hash === '#/paste') show('paste');
    else if (hash === '#/audit') await showAudit();
    else if (hash === '#/bulk') await showBulks();
    else if (hash.startsWith('#/bulk/')) await showBulk(decodeURIComponent(hash.slice('#/bulk/'.length)));
    else if (hash === '#/devices') await showDevices();
    else await showOverview();
  } catch (e) { if (e.status !== 401) say(e.message); }
}

async function login(event) {
  event.preventDefault();
  try {
    const path = $('login-source').value === 'ldap' ? '/api/v1/login/ldap' : '/api/v1/login';
    const session = await api('POST', path, { username: $('login-user').value, password: $('login-password').value });
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
  $('device-filter').addEventListener('submit', e => { e.preventDefault(); list.offset = 0; showDevices().catch(err => say(err.message)); });
  for (const id of ['history-interval', 'history-endpoint']) $(id).addEventListener('change', () => showHistory().catch(err => say(err.message)));
  $('device-csv').addEventListener('click', () => exportCsv().catch(err => say(err.message)));
  $('page-prev').addEventListener('click', () => turnPage(-1));
  $('page-next').addEventListener('click', () => turnPage(1));
  for (const th of document.querySelectorAll('#device-table th[data-sort]')) th.addEventListener('click', () => sortBy(th.dataset.sort));
  $('heal-form').addEventListener('submit', heal);
  $('bulk-actions').append(...ACTIONS.map(([id, words]) => el('label', {},
    el('input', { type: 'checkbox', name: 'action', value: id }), words)));
  for (const id of ['device-filter', 'bulk-form']) {
    $(id).addEventListener('input', resetBulkPreview);
    $(id).addEventListener('change', resetBulkPreview);
  }
  $('bulk-preview').addEventListener('click', () => previewBulk().catch(err => say(err.message)));
  $('bulk-form').addEventListener('submit', e => queueBulk(e).catch(err => say(err.message)));
  $('bulk-cancel').addEventListener('click', () => cancelBulk().catch(err => say(err.message)));
  $('reset-enrollment').addEventListener('click', resetEnrollment);
  $('paste-form').addEventListener('submit', parsePasted);
  $('logout').addEventListener('click', logout);
  window.addEventListener('hashchange', route);
  try {
    const methods = await api('GET', '/api/v1/login/methods');
    $('login-source-label').hidden = !methods.ldap;
    $('login-oidc').hidden = !methods.oidc;
  } catch (e) { /* an older collector without directory sign-in: the local login alone */ }
  try {
    loggedIn(await api('GET', '/api/v1/session'));
    await route();
  } catch (e) {
    if (e.status !== 401) showLogin(e.message);
  }
}

document.addEventListener('DOMContentLoaded', start);
