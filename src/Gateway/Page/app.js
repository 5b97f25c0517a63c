// AiProd's page: plain JavaScript against the public HTTP API with the caller's key. Live events come from
// GET /v1/videos/{id}/events read with fetch() (EventSource cannot send the key in a header).
'use strict';

const STAGES = ['Init', 'InputSanitizer', 'Analysis', 'Creative', 'Visual', 'Financial', 'AwaitingApproval',
  'Render', 'QaTech', 'QaSemantic', 'Finalize', 'Complete'];
const $ = (id) => document.getElementById(id);
const state = { id: null, stream: null, lastEventId: null, replyTo: null, playing: null, status: null };

function key() { return sessionStorage.getItem('aiprod-key') || ''; }

/** Shows a problem details body (title, detail, each field's errors), or a plain sentence; never a raw response. */
function showError(problem) {
  const box = $('error');
  box.replaceChildren();
  const title = document.createElement('strong');
  title.textContent = problem.title || 'Something went wrong.';
  box.append(title);
  if (problem.detail) {
    const p = document.createElement('p');
    p.textContent = problem.detail;
    box.append(p);
  }
  if (problem.errors && typeof problem.errors === 'object') {
    const list = document.createElement('ul');
    for (const [field, messages] of Object.entries(problem.errors)) {
      for (const m of [].concat(messages)) {
        const li = document.createElement('li');
        li.textContent = `${field}: ${m}`;
        list.append(li);
      }
    }
    box.append(list);
  }
  box.hidden = false;
}

function clearError() { $('error').hidden = true; }

/** fetch() with the key; a non-2xx answer is shown from its problem details and thrown. */
async function api(path, options = {}) {
  if (!key()) {
    showError({ title: 'No API key.', detail: 'Enter your API key at the top of the page first.' });
    throw new Error('no key');
  }
  const headers = Object.assign({ Authorization: `Bearer ${key()}` }, options.headers || {});
  if (options.json !== undefined) {
    headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(options.json);
  }
  const response = await fetch(path, Object.assign({}, options, { headers }));
  if (!response.ok) {
    let problem = { title: `The gateway answered ${response.status}.` };
    if ((response.headers.get('Content-Type') || '').includes('json')) {
      try { problem = await response.json(); } catch { /* keep the plain one */ }
    }
    showError(problem);
    throw new Error(problem.title);
  }
  return response;
}

async function submit(event) {
  event.preventDefault();
  clearError();
  const body = {
    prompt: $('prompt').value,
    durationSeconds: Number($('duration').value),
    aspectRatio: $('aspect').value,
    resolution: $('resolution').value,
  };
  if ($('budget').value !== '') body.budgetUsd = Number($('budget').value);
  const roles = $('roles').value.split(',').map((r) => r.trim()).filter((r) => r);
  const points = ['point-storyboard', 'point-final'].filter((p) => $(p).checked).map((p) => $(p).value);
  if (roles.length > 0 || points.length > 0) body.approval = { roles, points };
  const response = await api('/v1/videos', { method: 'POST', json: body });
  open((await response.json()).id);
}

function open(id) {
  if (state.stream) state.stream.abort();
  Object.assign(state, { id, lastEventId: null, replyTo: null, playing: null, status: null });
  $('video').hidden = false;
  $('video-id').textContent = id;
  $('player').hidden = true;
  $('comments').replaceChildren();
  follow();
  refresh();
}

/** Reads the event stream; reconnects with Last-Event-ID when it drops, so no event is missed. */
async function follow() {
  const controller = new AbortController();
  state.stream = controller;
  while (!controller.signal.aborted) {
    try {
      const headers = state.lastEventId ? { 'Last-Event-ID': state.lastEventId } : {};
      const response = await api(`/v1/videos/${state.id}/events`, { headers, signal: controller.signal });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          onEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch (e) {
      if (controller.signal.aborted || e.message === 'no key') return;
    }
    await new Promise((r) => setTimeout(r, 1000));
  }
}

function onEvent(block) {
  let id = null; let name = null; let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('id: ')) id = line.slice(4);
    else if (line.startsWith('event: ')) name = line.slice(7);
    else if (line.startsWith('data: ')) data += line.slice(6);
  }
  if (!name) return;
  if (id) state.lastEventId = id;
  if (name === 'comment') loadComments();
  else refresh();
}

let refreshing = null;
/** Re-reads the status and the versions: one read at a time, and one more when events came meanwhile. */
function refresh() {
  if (refreshing) { refreshing.again = true; return; }
  refreshing = { again: false };
  (async () => {
    try {
      do {
        refreshing.again = false;
        const status = await (await api(`/v1/videos/${state.id}`)).json();
        render(status);
        await loadVersions();
      } while (refreshing.again);
    } catch { /* shown already */ } finally { refreshing = null; }
  })();
}

function render(status) {
  state.status = status;
  $('state').textContent = status.state;
  $('progress').value = status.progressPercent;
  $('progress-text').textContent = `${status.state}: ${status.progressPercent} %`;
  const visited = new Set(status.history.map((h) => h.stage));
  const stages = $('stages');
  stages.replaceChildren();
  for (const stage of STAGES) {
    if (stage === 'AwaitingApproval' && !visited.has(stage)) continue;
    const li = document.createElement('li');
    li.textContent = stage;
    if (stage === status.stage && status.state !== 'Complete') { li.className = 'current'; li.setAttribute('aria-current', 'step'); }
    else if (visited.has(stage)) { li.className = 'done'; li.textContent += ' ✓'; }
    stages.append(li);
  }
  if (status.state === 'Failed' && status.error) {
    showError({ title: `Failed in ${status.error.stage}.`, detail: `${status.error.code}: ${status.error.message}${status.error.retryable ? ' (retryable)' : ''}` });
  }
  renderFigures(status);
  renderApproval(status);
  $('animatic').hidden = !(status.links && status.links.animatic);
  if (status.links && status.links.content && state.playing !== status.links.content) play(status.links.content);
}

function renderFigures(status) {
  const rows = [];
  const c = status.cost || {};
  const usd = (v) => (v === null || v === undefined ? '–' : `$${Number(v).toFixed(2)}`);
  rows.push(['Estimated cost', usd(c.estimatedUsd)], ['Actual cost', usd(c.actualUsd)], ['Budget', usd(c.budgetUsd)]);
  if (c.backend) rows.push(['Backend', c.backend]);
  const t = status.qa && status.qa.technical;
  rows.push(['Technical QA', t ? `${t.passed ? 'passed' : 'failed'} (${t.passedChecks}/${t.totalChecks} checks)` : '–']);
  const s = status.qa && status.qa.semantic;
  rows.push(['Semantic QA', s ? `${s.passed ? 'passed' : 'failed'}, overall ${s.overall.score} (threshold ${s.threshold})` : '–']);
  const dl = $('figures');
  dl.replaceChildren();
  for (const [term, value] of rows) {
    const dt = document.createElement('dt'); dt.textContent = term;
    const dd = document.createElement('dd'); dd.textContent = value;
    dl.append(dt, dd);
  }
  const rendered = new Set((status.renders || []).filter((r) => r.backend).map((r) => r.shotId));
  $('shots').textContent = state.shotCount ? `${Math.min(rendered.size, state.shotCount)}/${state.shotCount}` : '–';
}

function renderApproval(status) {
  const waiting = status.state === 'AwaitingApproval' && status.approval;
  $('approval').hidden = !waiting;
  if (!waiting) return;
  const a = status.approval;
  $('approval-text').textContent = `Version ${a.version} waits at the ${a.point} for: ${a.remainingRoles.join(', ')}.`;
  const select = $('decision-role');
  const current = select.value;
  select.replaceChildren(...a.remainingRoles.map((r) => { const o = document.createElement('option'); o.value = r; o.textContent = r; return o; }));
  if (a.remainingRoles.includes(current)) select.value = current;
}

async function decide(event) {
  event.preventDefault();
  clearError();
  const verb = event.submitter && event.submitter.value === 'reject' ? 'reject' : 'approve';
  const body = { role: $('decision-role').value };
  if ($('decision-comment').value.trim()) body.comment = $('decision-comment').value;
  await api(`/v1/videos/${state.id}/${verb}`, { method: 'POST', json: body });
  $('decision-comment').value = '';
}

/** Fetches an MP4 with the key (a video element cannot send it) and plays it from memory. */
async function play(path) {
  state.playing = path;
  const blob = await (await api(path)).blob();
  const player = $('video-player');
  if (player.src) URL.revokeObjectURL(player.src);
  player.src = URL.createObjectURL(blob);
  $('player').hidden = false;
}

async function loadComments() {
  const { items } = await (await api(`/v1/videos/${state.id}/comments`)).json();
  const build = (comments) => {
    const ul = document.createElement('ul');
    for (const c of comments) {
      const li = document.createElement('li');
      const meta = document.createElement('span');
      meta.className = 'comment-meta';
      meta.textContent = `${c.author} · v${c.version}${c.anchor && c.anchor.atSeconds != null ? ` · at ${c.anchor.atSeconds} s` : ''}: `;
      const text = document.createElement('span');
      text.textContent = c.deletedAt ? '(deleted)' : c.text;
      const reply = document.createElement('button');
      reply.type = 'button';
      reply.textContent = 'Reply';
      reply.setAttribute('aria-label', `Reply to ${c.author}`);
      reply.addEventListener('click', () => { state.replyTo = c.id; $('reply-to').hidden = false; $('comment-text').focus(); });
      li.append(meta, text, ' ', reply);
      if (c.replies && c.replies.length) li.append(build(c.replies));
      ul.append(li);
    }
    return ul;
  };
  $('comments').replaceChildren(...build(items).children);
}

async function comment(event) {
  event.preventDefault();
  clearError();
  const body = { text: $('comment-text').value };
  if (state.replyTo) body.parentId = state.replyTo;
  await api(`/v1/videos/${state.id}/comments`, { method: 'POST', json: body });
  $('comment-text').value = '';
  cancelReply();
}

function cancelReply() { state.replyTo = null; $('reply-to').hidden = true; }

async function loadVersions() {
  const { items } = await (await api(`/v1/videos/${state.id}/versions`)).json();
  const current = items.find((v) => v.current);
  state.shotCount = current ? current.shots : 0;
  if (state.status) renderFigures(state.status);
  const body = $('versions');
  body.replaceChildren();
  for (const v of items) {
    const tr = document.createElement('tr');
    for (const text of [`${v.version}${v.current ? ' (current)' : ''}`, v.outcome || 'in progress', String(v.shots), v.costUsd == null ? '–' : Number(v.costUsd).toFixed(2)]) {
      const td = document.createElement('td'); td.textContent = text; tr.append(td);
    }
    const td = document.createElement('td');
    if (v.links && v.links.content) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = `Play version ${v.version}`;
      b.addEventListener('click', () => play(v.links.content));
      td.append(b);
    } else td.textContent = '–';
    tr.append(td);
    body.append(tr);
  }
}

document.addEventListener('DOMContentLoaded', () => {
  const input = $('api-key');
  input.value = key();
  input.addEventListener('input', () => sessionStorage.setItem('aiprod-key', input.value.trim()));
  $('key-form').addEventListener('submit', (e) => e.preventDefault());
  $('submit-form').addEventListener('submit', (e) => submit(e).catch(() => {}));
  $('open-form').addEventListener('submit', (e) => { e.preventDefault(); clearError(); open($('open-id').value.trim()); });
  $('decision-form').addEventListener('submit', (e) => decide(e).catch(() => {}));
  $('comment-form').addEventListener('submit', (e) => comment(e).catch(() => {}));
  $('cancel-reply').addEventListener('click', cancelReply);
  $('animatic-button').addEventListener('click', () => state.status && play(state.status.links.animatic).catch(() => {}));
});
