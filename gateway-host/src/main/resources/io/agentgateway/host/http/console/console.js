// The admin console: reads the gateway's admin routes with an admin key and shows them; no library, no build step.
// Everything shown is set as text (never as HTML), so nothing a plugin, an upstream or a client sent can run here.
'use strict';
(() => {
  const KEY = 'agent-gateway-admin-key'; // sessionStorage: this tab only, gone when it closes
  const POLL_MS = 2000;
  const HISTORY = 90; // points of the request-rate line: three minutes
  const $ = (id) => document.getElementById(id);

  let timer = null;
  let polling = false;
  let previousTotals = null;
  let metrics = null; // GET /metrics: tokens, and calls per upstream and per tool since start
  const rates = [];

  class SignedOut extends Error {}

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.entries(props || {}).forEach(([name, value]) => {
      if (value === undefined || value === null) return;
      if (name === 'class') node.className = value;
      else if (name === 'title') node.title = value;
      else node.setAttribute(name, value);
    });
    children.flat().forEach((child) => {
      if (child === undefined || child === null) return;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  function badge(text, kind) {
    return el('span', { class: 'badge ' + kind }, text);
  }

  function fill(tbodyId, rows, columns, empty) {
    const tbody = $(tbodyId);
    tbody.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { class: 'empty', colspan: columns }, empty))]));
  }

  async function api(path, options) {
    const response = await fetch(path, Object.assign({
      cache: 'no-store',
      // The header keeps the console's own reads out of the latest requests and the traffic it shows.
      headers: { Authorization: 'Bearer ' + sessionStorage.getItem(KEY), 'X-Agent-Gateway-Console': '1' },
    }, options));
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    const message = body && body.error && body.error.message;
    if (response.status === 401 || (response.status === 403 && body && body.error && body.error.code === 'admin_required')) {
      throw new SignedOut(message || 'The key was refused.');
    }
    if (!response.ok) {
      const error = new Error(message || path + ' answered ' + response.status);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString() : '';
  }

  function number(value, digits) {
    return Number.isFinite(value) ? value.toFixed(digits) : '–';
  }

  // --- traffic and the latest requests --------------------------------------------------------------------------

  function renderRequests(body) {
    const totals = body.totals;
    const at = Date.parse(body.at);
    if (previousTotals) {
      const seconds = Math.max((at - previousTotals.at) / 1000, 0.001);
      const count = totals.requests - previousTotals.requests;
      const rate = count / seconds;
      $('rate').textContent = number(rate, 2);
      $('latency').textContent = count > 0 ? number((totals.latency_ms_total - previousTotals.latency_ms_total) / count, 1) : '–';
      $('errors').textContent = number((totals.client_errors - previousTotals.client_errors) / seconds, 2) + ' · '
        + number((totals.server_errors - previousTotals.server_errors) / seconds, 2);
      rates.push(rate);
      if (rates.length > HISTORY) rates.shift();
      drawRates();
    }
    previousTotals = Object.assign({ at }, totals);
    $('total').textContent = String(totals.requests);
    const latencies = body.data.map((r) => r.latency_ms).sort((a, b) => a - b);
    $('p95').textContent = latencies.length ? number(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * 0.95))], 1) : '–';

    fill('requests-rows', body.data.map((r) => el('tr', { 'data-request-id': r.request_id },
      el('td', {}, time(r.at)),
      el('td', { class: 'mono' }, r.request_id),
      el('td', {}, r.method),
      el('td', { class: 'mono' }, r.path),
      el('td', {}, badge(String(r.status), r.status >= 500 ? 'bad' : r.status >= 400 ? 'warn' : 'ok')),
      el('td', {}, number(r.latency_ms, 1)),
      el('td', { class: 'mono' }, r.model),
      el('td', {}, r.upstream),
      el('td', {}, r.key_id),
      el('td', {}, r.total_tokens))), 10, 'No API request yet.');
  }

  function drawRates() {
    const max = Math.max(1, ...rates);
    const step = 300 / (HISTORY - 1);
    const points = rates.map((rate, i) => (i * step).toFixed(1) + ',' + (38 - (rate / max) * 36).toFixed(1)).join(' ');
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', points);
    $('spark').replaceChildren(line);
  }

  function renderMetrics(body) {
    metrics = body;
    const tokens = body.tokens || {};
    $('tokens').textContent = tokens.total === undefined ? '–' : String(tokens.total);
    $('cost').textContent = tokens.cost === undefined ? '–' : tokens.cost === 0 ? '0' : number(tokens.cost, 4);
  }

  /** @return the calls of one upstream or tool, failed ones and their mean latency, as GET /metrics counts them */
  function calls(group, name) {
    const entry = metrics && metrics[group] && metrics[group][name];
    if (!entry) return '';
    const count = entry.requests !== undefined ? entry.requests : entry.invocations;
    return count + ' · ' + entry.failures + ' failed · '
      + (entry.latency_ms ? number(entry.latency_ms.avg, 1) : '–') + ' ms';
  }

  // --- plugins, upstreams, models, tools -----------------------------------------------------------------------

  function stateKind(state) {
    return state === 'started' ? 'ok' : state === 'blocked' ? 'warn' : 'bad';
  }

  function renderPlugins(body) {
    fill('plugins-rows', body.data.map((p) => el('tr', { 'data-plugin': p.id, 'data-state': p.state },
      el('td', { class: 'mono' }, p.id),
      el('td', {}, p.version),
      el('td', {}, badge(p.state, stateKind(p.state))),
      el('td', {}, p.cause),
      el('td', { class: 'mono', title: p.sha256 }, p.sha256 ? p.sha256.slice(0, 12) + '…' : ''),
      el('td', {}, p.last_error ? time(p.last_error.at) + ' ' + p.last_error.call + ': ' + p.last_error.cause
        + ' (' + p.last_error.count + '×)' : ''))), 6, 'No plugin found in the plugins folder.');
  }

  function renderUpstreams(body) {
    fill('upstreams-rows', body.data.map((u) => el('tr', { 'data-upstream': u.name },
      el('td', { class: 'mono' }, u.name),
      el('td', {}, u.provider),
      el('td', {}, badge(u.healthy ? 'healthy' : 'unhealthy', u.healthy ? 'ok' : 'bad')),
      el('td', { class: 'mono' }, (u.targets || []).map((t) => el('div', {},
        t.target + ' ', badge(t.circuit || (t.available ? 'available' : 'unavailable'),
          t.available ? 'ok' : 'bad'),
        t.latency_ms === null || t.latency_ms === undefined ? '' : ' ' + t.latency_ms + ' ms'))),
      el('td', {}, calls('upstreams', u.name)),
      el('td', {}, u.last_error))), 6, 'No upstream configured.');
  }

  function renderModels(body) {
    fill('models-rows', body.data.map((m) => el('tr', { 'data-model': m.id },
      el('td', { class: 'mono' }, m.id),
      el('td', {}, m.metadata ? m.metadata.kind : ''),
      el('td', {}, m.owned_by))), 3, 'No model listed yet.');
  }

  function renderTools(body) {
    fill('tools-rows', body.data.map((t) => el('tr', { 'data-tool': t.name },
      el('td', { class: 'mono' }, t.name),
      el('td', {}, t.provider),
      el('td', {}, t.source),
      el('td', {}, t.available === false ? badge('unavailable', 'bad') : badge('available', 'ok')),
      el('td', {}, calls('tools', t.name)),
      el('td', {}, t.description))), 6, 'No tool registered.');
  }

  const SOURCES = [ // in this order: the upstreams and tools tables read what /metrics counted
    ['/metrics', renderMetrics],
    ['/requests/recent', renderRequests],
    ['/plugins', renderPlugins],
    ['/upstreams', renderUpstreams],
    ['/v1/models', renderModels],
    ['/tools', renderTools],
  ];

  async function refresh() {
    if (polling) return; // a slow answer never stacks polls
    polling = true;
    try {
      const results = await Promise.allSettled(SOURCES.map(([path]) => api(path)));
      const failed = [];
      for (let i = 0; i < results.length; i++) {
        const result = results[i];
        if (result.status === 'fulfilled') {
          SOURCES[i][1](result.value);
        } else if (result.reason instanceof SignedOut) {
          signOut(result.reason.message);
          return;
        } else {
          failed.push(SOURCES[i][0] + ': ' + result.reason.message);
        }
      }
      $('status').textContent = failed.length ? 'not all read: ' + failed.join('; ')
        : 'updated ' + new Date().toLocaleTimeString();
    } finally {
      polling = false;
    }
  }

  async function reload() {
    const button = $('reload');
    button.disabled = true;
    $('reload-result').textContent = 'reloading…';
    try {
      const body = await api('/plugins/reload', { method: 'POST' });
      const changed = body && Array.isArray(body.data) ? body.data.length + ' plugins now' : 'done';
      $('reload-result').textContent = 'reloaded: ' + changed;
    } catch (e) {
      if (e instanceof SignedOut) {
        signOut(e.message);
        return;
      }
      $('reload-result').textContent = e.status === 404
        ? 'this gateway has no POST /plugins/reload: restart it to load plugins again' : 'reload failed: ' + e.message;
    } finally {
      button.disabled = false;
    }
    refresh();
  }

  // --- signing in and out ---------------------------------------------------------------------------------------

  function showDashboard() {
    $('login').hidden = true;
    $('dashboard').hidden = false;
    $('logout').hidden = false;
    previousTotals = null;
    refresh();
    timer = setInterval(refresh, POLL_MS);
  }

  function signOut(message) {
    sessionStorage.removeItem(KEY);
    clearInterval(timer);
    timer = null;
    $('dashboard').hidden = true;
    $('logout').hidden = true;
    $('login').hidden = false;
    $('status').textContent = '';
    $('login-error').textContent = message || '';
    $('key').focus();
  }

  async function signIn(event) {
    event.preventDefault();
    const key = $('key').value.trim();
    if (!key) return;
    sessionStorage.setItem(KEY, key);
    $('key').value = '';
    $('login-error').textContent = '';
    try {
      await api('/plugins');
      showDashboard();
    } catch (e) {
      signOut(e instanceof SignedOut ? e.message : 'The gateway did not answer: ' + e.message);
    }
  }

  $('login-form').addEventListener('submit', signIn);
  $('logout').addEventListener('click', () => signOut('Signed out.'));
  $('reload').addEventListener('click', reload);
  if (sessionStorage.getItem(KEY)) {
    showDashboard();
  } else {
    $('key').focus();
  }
})();
