// Jobs as both views use them: submit, follow the events over WebSocket (resuming after the last seq
// when the connection drops, until the terminal event), cancel.
'use strict';

const TERMINAL_EVENTS = ['succeeded', 'failed', 'cancelled'];

/** POSTs a job; answers { job } (the 202 body) or { error, field } (the API's one-line message). */
async function submitJob(url, options) {
  try {
    const response = await fetch(url, { method: 'POST', ...options });
    const answer = await response.json();
    if (response.status === 202) return { job: answer };
    const retry = response.headers.get('Retry-After');
    return { error: `${answer.message || 'Refused'}${retry ? ` (retry in ${retry} s)` : ''}`, field: answer.field };
  } catch (err) {
    return { error: 'The gateway did not answer.' };
  }
}

/**
 * Lists GET /v1/models's models in a <select> after its first option (the "none chosen" one), labelled by
 * label(model); the choice stays where that model is still listed.
 */
function fillModelChoice(choice, models, label) {
  const selected = choice.value;
  choice.replaceChildren(choice.options[0]);
  for (const model of models || []) {
    const o = document.createElement('option');
    o.value = model.name;
    o.textContent = label(model);
    choice.append(o);
  }
  choice.value = [...choice.options].some((o) => o.value === selected) ? selected : '';
}

/** Calls onEvent(event) for every event of the job once, in order, then onEnd() after the last one. */
function followJob(path, onEvent, onEnd) {
  const follow = { lastSeq: 0, finished: false };
  const open = () => {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    const socket = new WebSocket(`${scheme}://${location.host}${path}?after=${follow.lastSeq}`);
    socket.onmessage = (m) => {
      const event = JSON.parse(m.data);
      if (event.seq <= follow.lastSeq) return;
      follow.lastSeq = event.seq;
      follow.finished = follow.finished || TERMINAL_EVENTS.includes(event.type);
      onEvent(event);
    };
    socket.onclose = () => {
      if (follow.finished) onEnd();
      else setTimeout(open, 1000); // reconnect, resume after lastSeq
    };
  };
  open();
  return follow;
}

/** DELETE /v1/jobs/{id}; answers the API's error message, or null once the cancel is requested. */
async function cancelJob(jobId) {
  const r = await fetch(`/v1/jobs/${jobId}`, { method: 'DELETE' });
  return r.status === 202 ? null : (await r.json()).message;
}
