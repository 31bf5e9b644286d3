// The filesync operator page: uses /filesync/api/ alone (same origin, the browser's Basic login).
'use strict';

const API = 'api/';
const state = {
  conduits: [],
  runs: new Map(),      // conduit id -> progress of its run in progress (from /status)
  finished: new Map(),  // conduit id -> {generation, verification, failed} of its last run seen ending
  editing: null,        // conduit id being edited, or null for a new one
  history: null,        // conduit id whose history is shown
  conflicts: null,      // conduit id whose conflicts are shown
};

const $ = (selector) => document.querySelector(selector);

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === 'text') node.textContent = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** Calls the API; resolves with the JSON body, rejects with an Error whose message is the API's. */
async function api(method, path, body) {
  const options = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch(API + path, options);
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch (e) { json = null; }
  if (!response.ok) {
    const error = new Error((json && json.error) || (response.status + ' ' + response.statusText));
    error.status = response.status;
    throw error;
  }
  return json;
}

function notify(message, bad) {
  const notice = $('#notice');
  notice.textContent = message;
  notice.className = bad ? 'bad' : '';
  notice.hidden = false;
}

function bytes(value) {
  if (value === null || value === undefined) return '-';
  if (value < 1024) return value + ' B';
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let amount = value, unit = -1;
  while (amount >= 1024 && unit < units.length - 1) { amount /= 1024; unit++; }
  return amount.toFixed(1) + ' ' + units[unit];
}

function seconds(value) {
  if (value === null || value === undefined) return '-';
  if (value < 60) return value.toFixed(1) + ' s';
  const minutes = Math.floor(value / 60);
  return minutes + ' min ' + Math.round(value % 60) + ' s';
}

function time(iso) {
  return iso ? new Date(iso).toLocaleString() : '-';
}

// --- the conduit table ---

async function loadConduits() {
  state.conduits = await api('GET', 'conduits');
  await loadRuns();
}

async function loadRuns() {
  const runs = await api('GET', 'status');
  state.runs = new Map(runs.map((run) => [run.conduit, run]));
  renderConduits();
}

function progressCell(conduit) {
  const run = state.runs.get(conduit.id);
  const finished = state.finished.get(conduit.id);
  const bar = el('div', { class: 'bar', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100 });
  const fill = el('div');
  bar.append(fill);
  let percent = 0, text;
  if (run) {
    const total = run.bytesTotal > 0 ? run.bytesTotal : run.filesTotal;
    const done = run.bytesTotal > 0 ? run.bytesDone : run.filesDone;
    percent = total > 0 ? Math.min(100, Math.round((100 * done) / total)) : 0;
    text = run.phase + (run.activity ? ' (' + run.activity + ')' : '')
      + (run.generation ? ' (generation ' + run.generation + ')' : '') + ': files ' + run.filesDone + '/'
      + run.filesTotal + ', ' + bytes(run.bytesDone) + '/' + bytes(run.bytesTotal) + ', ' + bytes(run.bytesPerSecond)
      + '/s, ETA ' + seconds(run.etaSeconds);
    bar.dataset.state = 'running';
  } else if (finished) {
    percent = 100;
    bar.classList.add(finished.failed ? 'failed' : 'done');
    bar.dataset.state = finished.failed ? 'failed' : 'done';
    text = 'generation ' + finished.generation + ': ' + finished.verification;
  } else {
    bar.dataset.state = 'idle';
    text = conduit.lastError ? 'last error: ' + conduit.lastError : 'idle';
  }
  fill.style.width = percent + '%';
  bar.setAttribute('aria-valuenow', percent);
  bar.dataset.percent = percent;
  return el('td', { 'data-label': 'Progress', class: 'progress' }, bar, el('div', { class: 'progress-text', text }));
}

function renderConduits() {
  const body = $('#conduits tbody');
  body.replaceChildren();
  $('#no-conduits').hidden = state.conduits.length > 0;
  for (const conduit of state.conduits) {
    const running = state.runs.has(conduit.id);
    const row = el('tr', { 'data-id': conduit.id },
      el('td', { 'data-label': 'Id', text: conduit.id }),
      el('td', { 'data-label': 'Source → target', class: 'path', text: conduit.source + ' → ' + conduit.target }),
      el('td', { 'data-label': 'Mode', text: conduit.mode + (conduit.enabled ? '' : ' (disabled)') }),
      el('td', { 'data-label': 'Schedule', text: conduit.schedule }),
      el('td', { 'data-label': 'Generation', class: 'generation', text: conduit.generation }),
      el('td', { 'data-label': 'Last sync', text: time(conduit.lastCompleted) }),
      progressCell(conduit),
      el('td', { 'data-label': 'Actions', class: 'actions' },
        el('button', { type: 'button', class: 'sync', disabled: running, onclick: () => sync(conduit.id) }, 'Sync now'),
        el('button', { type: 'button', class: 'secondary dry-run', onclick: () => dryRun(conduit.id) }, 'Dry run'),
        el('button', { type: 'button', class: 'secondary show-history', onclick: () => showHistory(conduit.id) }, 'History'),
        el('button', { type: 'button', class: 'secondary show-conflicts', onclick: () => showConflicts(conduit.id) },
          'Conflicts'),
        el('button', { type: 'button', class: 'secondary edit', onclick: () => edit(conduit) }, 'Edit'),
        el('button', { type: 'button', class: 'danger delete', onclick: () => remove(conduit.id) }, 'Delete')));
    body.append(row);
  }
}

async function sync(id) {
  try {
    const answer = await api('POST', 'conduits/' + id + '/sync');
    state.finished.delete(id);
    notify(answer.message + ' (conduit ' + id + ')');
    await loadRuns();
  } catch (error) {
    notify(error.message, true);
  }
}

async function dryRun(id) {
  try {
    const answer = await api('POST', 'conduits/' + id + '/sync?dryRun=true');
    $('#plan-title').textContent = 'Dry run of conduit ' + id;
    const plan = answer.plan;
    $('#plan-summary').textContent = answer.message
      + (plan.operationsTruncated ? ' (the first ' + plan.operations.length + ' listed)' : '');
    const body = $('#plan-table tbody');
    body.replaceChildren(...plan.operations.map((operation) => el('tr', {},
      el('td', { text: operation.action }),
      el('td', { text: operation.direction === 'to-target' ? '→ target' : '← source' }),
      el('td', { class: 'path', text: operation.from ? operation.from + ' → ' + operation.path : operation.path }),
      el('td', { text: bytes(operation.bytes) }))),
      ...plan.conflictPlans.map((conflict) => el('tr', {},
        el('td', { text: 'conflict ' + conflict.type }),
        el('td', { text: conflict.winner ? conflict.strategy + ': ' + conflict.winner + ' wins' + (conflict.keepsBoth ? ', both kept' : '') : conflict.strategy + ': waits for a user' }),
        el('td', { class: 'path', text: conflict.path }),
        el('td', { text: '' }))));
    $('#plan').hidden = false;
    $('#plan').scrollIntoView({ block: 'nearest' });
  } catch (error) {
    notify(error.message, true);
  }
}

async function remove(id) {
  if (!window.confirm('Delete conduit ' + id + '? The files at both ends stay.')) return;
  try {
    const answer = await api('DELETE', 'conduits/' + id);
    notify(answer.message);
    if (state.history === id) closeSection('history');
    if (state.conflicts === id) closeSection('conflicts');
    await loadConduits();
  } catch (error) {
    notify(error.message, true);
  }
}

// --- create and edit ---

function openEditor(conduit) {
  const form = $('#conduit-form');
  form.reset();
  state.editing = conduit ? conduit.id : null;
  $('#editor-title').textContent = conduit ? 'Edit conduit ' + conduit.id : 'New conduit';
  $('#save').textContent = conduit ? 'Save' : 'Create';
  form.source.disabled = !!conduit;
  form.target.disabled = !!conduit;
  if (conduit) {
    for (const name of ['source', 'target', 'mode', 'conflict', 'delete', 'schedule', 'parallel', 'maxDelete', 'bandwidth']) {
      form[name].value = conduit[name];
    }
    form.verifyRetry.checked = conduit.verifyRetry;
    form.enabled.checked = conduit.enabled;
    form.ignore.value = conduit.ignore.join('\n');
  }
  $('#form-error').hidden = true;
  $('#editor').hidden = false;
  (conduit ? form.mode : form.source).focus();
}

function edit(conduit) {
  openEditor(conduit);
}

async function save(event) {
  event.preventDefault();
  const form = $('#conduit-form');
  const body = {
    mode: form.mode.value,
    conflict: form.conflict.value,
    delete: form.delete.value,
    schedule: form.schedule.value.trim(),
    parallel: form.parallel.value.trim(),
    maxDelete: form.maxDelete.value.trim(),
    bandwidth: form.bandwidth.value.trim(),
    verifyRetry: form.verifyRetry.checked,
    enabled: form.enabled.checked,
    ignore: form.ignore.value.split('\n').map((line) => line.trim()).filter((line) => line.length > 0),
  };
  try {
    if (state.editing === null) {
      body.source = form.source.value.trim();
      body.target = form.target.value.trim();
      const created = await api('POST', 'conduits', body);
      notify('Conduit ' + created.id + ' created');
    } else {
      await api('PUT', 'conduits/' + state.editing, body);
      notify('Conduit ' + state.editing + ' updated');
    }
    $('#editor').hidden = true;
    await loadConduits();
  } catch (error) {
    const message = $('#form-error');
    message.textContent = error.message;
    message.hidden = false;
  }
}

// --- history and its chart ---

async function showHistory(id) {
  state.history = id;
  $('#history-title').textContent = 'History of conduit ' + id;
  $('#history').hidden = false;
  await loadHistory();
  $('#history').scrollIntoView({ block: 'nearest' });
}

async function loadHistory() {
  const id = state.history;
  if (id === null) return;
  let page;
  try {
    page = await api('GET', 'conduits/' + id + '/generations?limit=100');
  } catch (error) {
    notify(error.message, true);
    return;
  }
  const body = $('#history-table tbody');
  body.replaceChildren(...page.items.map((generation) => el('tr', { 'data-generation': generation.number },
    el('td', { text: generation.number }),
    el('td', { text: time(generation.started) }),
    el('td', { text: generation.durationMillis === null ? '-' : seconds(generation.durationMillis / 1000) }),
    el('td', { text: generation.copied }),
    el('td', { text: generation.deleted }),
    el('td', { text: generation.moved }),
    el('td', { text: generation.conflicts }),
    el('td', { text: bytes(generation.bytes) }),
    el('td', { text: generation.verification + (generation.errors.length ? ' — ' + generation.errors[0] : '') }))));
  drawChart(page.items.slice().reverse());
}

const SVG = 'http://www.w3.org/2000/svg';

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Bars of bytes written and a line of durations, one point per generation, oldest on the left. */
function drawChart(generations) {
  const chart = $('#chart');
  chart.replaceChildren();
  const width = 640, height = 240, left = 48, right = 56, top = 14, bottom = 30;
  const plotWidth = width - left - right, plotHeight = height - top - bottom;
  chart.append(svg('line', { class: 'axis', x1: left, y1: top + plotHeight, x2: left + plotWidth, y2: top + plotHeight }));
  chart.append(svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: top + plotHeight }));
  chart.append(svg('line', { class: 'axis', x1: left + plotWidth, y1: top, x2: left + plotWidth, y2: top + plotHeight }));
  if (generations.length === 0) {
    chart.append(svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle' }, 'No generation yet'));
    chart.dataset.points = 0;
    return;
  }
  const durations = generations.map((g) => (g.durationMillis || 0) / 1000);
  const maxDuration = Math.max(...durations, 0.001);
  const maxBytes = Math.max(...generations.map((g) => g.bytes), 1);
  const step = plotWidth / generations.length;
  const x = (i) => left + step * (i + 0.5);
  for (let tick = 0; tick <= 4; tick++) {
    const y = top + plotHeight - (plotHeight * tick) / 4;
    chart.append(svg('line', { class: 'grid-line', x1: left, y1: y, x2: left + plotWidth, y2: y }));
    chart.append(svg('text', { x: left - 4, y: y + 4, 'text-anchor': 'end' }, ((maxDuration * tick) / 4).toFixed(1)));
    chart.append(svg('text', { x: left + plotWidth + 4, y: y + 4 }, bytes(Math.round((maxBytes * tick) / 4))));
  }
  generations.forEach((generation, i) => {
    const barHeight = (plotHeight * generation.bytes) / maxBytes;
    const bar = svg('rect', { class: 'bytes', x: x(i) - Math.min(step * 0.6, 48) / 2, y: top + plotHeight - barHeight,
      width: Math.min(step * 0.6, 48), height: barHeight });
    bar.append(svg('title', {}, 'generation ' + generation.number + ': ' + bytes(generation.bytes)));
    chart.append(bar);
  });
  const points = durations.map((d, i) => x(i) + ',' + (top + plotHeight - (plotHeight * d) / maxDuration)).join(' ');
  chart.append(svg('polyline', { class: 'duration', points }));
  durations.forEach((d, i) => {
    const point = svg('circle', { class: 'duration-point', cx: x(i), cy: top + plotHeight - (plotHeight * d) / maxDuration,
      r: 3.5, 'data-generation': generations[i].number });
    point.append(svg('title', {}, 'generation ' + generations[i].number + ': ' + seconds(d)));
    chart.append(point);
  });
  const labelEvery = Math.ceil(generations.length / 12);
  generations.forEach((generation, i) => {
    if (i % labelEvery === 0) {
      chart.append(svg('text', { x: x(i), y: height - 10, 'text-anchor': 'middle' }, String(generation.number)));
    }
  });
  chart.dataset.points = generations.length;
}

// --- the conflict queue ---

async function showConflicts(id) {
  state.conflicts = id;
  $('#conflicts-title').textContent = 'Conflicts of conduit ' + id;
  $('#conflicts').hidden = false;
  await loadConflicts();
  $('#conflicts').scrollIntoView({ block: 'nearest' });
}

function side(name, facts) {
  const box = el('div', { class: 'side ' + name }, el('strong', { text: name }));
  if (!facts) {
    box.append(el('p', { text: 'deleted' }));
    return box;
  }
  const list = el('dl');
  for (const [label, value] of [['kind', facts.kind], ['size', bytes(facts.size)], ['modified', time(facts.modified)],
    ['hash', facts.hash ? facts.hash.slice(0, 16) + '…' : '-']]) {
    list.append(el('dt', { text: label }), el('dd', { text: value }));
  }
  box.append(list);
  return box;
}

async function loadConflicts() {
  const id = state.conflicts;
  if (id === null) return;
  let conflicts;
  try {
    conflicts = await api('GET', 'conduits/' + id + '/conflicts');
  } catch (error) {
    notify(error.message, true);
    return;
  }
  $('#no-conflicts').hidden = conflicts.length > 0;
  $('#conflict-list').replaceChildren(...conflicts.map((conflict) => el('article', { class: 'conflict', 'data-path': conflict.path },
    el('h3', { text: conflict.path }),
    el('p', { class: 'muted', text: conflict.type + ', detected by generation ' + conflict.generation + ' at '
      + time(conflict.detected) }),
    el('div', { class: 'sides' }, side('source', conflict.source), side('target', conflict.target)),
    el('div', { class: 'buttons' },
      el('button', { type: 'button', class: 'use-source', onclick: () => resolve(id, conflict.path, 'source') }, 'Keep source'),
      el('button', { type: 'button', class: 'use-target', onclick: () => resolve(id, conflict.path, 'target') }, 'Keep target'),
      el('button', { type: 'button', class: 'secondary use-both', onclick: () => resolve(id, conflict.path, 'both') },
        'Keep both')))));
}

async function resolve(id, path, use) {
  try {
    const answer = await api('POST', 'conduits/' + id + '/conflicts', { path, use });
    notify(answer.message);
    await loadConflicts();
    await loadRuns();
  } catch (error) {
    notify(error.message, true);
  }
}

function closeSection(name) {
  $('#' + name).hidden = true;
  if (name === 'history') state.history = null;
  if (name === 'conflicts') state.conflicts = null;
}

// --- live events ---

let refreshTimer = null;

/** Coalesces the refreshes many events ask for into one request every 400 ms at most. */
function refreshSoon(all) {
  refreshSoon.all = refreshSoon.all || all;
  if (refreshTimer) return;
  refreshTimer = setTimeout(async () => {
    const everything = refreshSoon.all;
    refreshTimer = null;
    refreshSoon.all = false;
    try {
      if (everything) await loadConduits(); else await loadRuns();
    } catch (error) {
      notify(error.message, true);
    }
  }, 400);
}

function listen() {
  const live = $('#live');
  const source = new EventSource(API + 'events');
  source.onopen = () => { live.textContent = 'live'; live.className = 'badge on'; };
  source.onerror = () => { live.textContent = 'reconnecting…'; live.className = 'badge off'; };
  const conduitOf = (event) => JSON.parse(event.data).properties['conduit.id'];
  for (const topic of ['filesync/conduit/CREATED', 'filesync/conduit/UPDATED', 'filesync/conduit/DELETED']) {
    source.addEventListener(topic, () => refreshSoon(true));
  }
  source.addEventListener('filesync/sync/STARTED', (event) => {
    state.finished.delete(conduitOf(event));
    refreshSoon(true);
  });
  source.addEventListener('filesync/sync/PROGRESS', () => refreshSoon(false));
  source.addEventListener('filesync/verification/COMPLETED', (event) => {
    const properties = JSON.parse(event.data).properties;
    state.finished.set(properties['conduit.id'], { generation: properties.generation,
      verification: properties.verification, failed: properties.verification.startsWith('failed:') });
    refreshSoon(true);
    if (state.history === properties['conduit.id']) loadHistory();
  });
  source.addEventListener('filesync/sync/COMPLETED', (event) => {
    const properties = JSON.parse(event.data).properties;
    if (!state.finished.has(properties['conduit.id'])) {
      state.finished.set(properties['conduit.id'], { generation: properties.generation, verification: 'completed',
        failed: false });
    }
    refreshSoon(true);
    if (state.history === properties['conduit.id']) loadHistory();
    if (state.conflicts === properties['conduit.id']) loadConflicts();
  });
  source.addEventListener('filesync/sync/FAILED', (event) => {
    const properties = JSON.parse(event.data).properties;
    state.finished.set(properties['conduit.id'], { generation: properties.generation,
      verification: 'failed: ' + properties.reason, failed: true });
    refreshSoon(true);
    if (state.history === properties['conduit.id']) loadHistory();
  });
  for (const topic of ['filesync/conflict/DETECTED', 'filesync/conflict/RESOLVED']) {
    source.addEventListener(topic, (event) => {
      if (state.conflicts === conduitOf(event)) loadConflicts();
    });
  }
  source.addEventListener('filesync/gap', () => refreshSoon(true)); // missed events: read the state afresh
}

// speed and ETA come from /status: while a run is on, read it every second as well
setInterval(() => { if (state.runs.size > 0) refreshSoon(false); }, 1000);

document.addEventListener('DOMContentLoaded', async () => {
  $('#new-conduit').addEventListener('click', () => openEditor(null));
  $('#cancel').addEventListener('click', () => { $('#editor').hidden = true; });
  $('#conduit-form').addEventListener('submit', save);
  for (const button of document.querySelectorAll('button[data-close]')) {
    button.addEventListener('click', () => closeSection(button.dataset.close));
  }
  try {
    await loadConduits();
  } catch (error) {
    notify(error.message, true);
  }
  listen();
});
