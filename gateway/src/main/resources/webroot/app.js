// picnet web page: paint a hole, submit, watch the completions arrive. No framework, no build step.
'use strict';

const $ = (id) => document.getElementById(id);
const imageCanvas = $('image-canvas');
const maskCanvas = $('mask-canvas');
const mask = maskCanvas.getContext('2d');
const state = { imageFile: null, imageUrl: null, painted: false, following: false, jobId: null, tiles: new Map() };

// ---- image and mask -------------------------------------------------------------------------
$('image-file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file) return;
  try {
    const bitmap = await createImageBitmap(file);
    for (const c of [imageCanvas, maskCanvas]) { c.width = bitmap.width; c.height = bitmap.height; }
    imageCanvas.getContext('2d').drawImage(bitmap, 0, 0);
    if (state.imageUrl) URL.revokeObjectURL(state.imageUrl);
    state.imageFile = file;
    state.imageUrl = URL.createObjectURL(file);
    clearMask();
    $('stage').classList.remove('empty');
    status(`${bitmap.width}×${bitmap.height}: paint the hole, then press Complete.`);
  } catch (err) {
    status('That file is not an image this browser can read.', true);
  }
});

const brush = $('brush-size');
brush.addEventListener('input', () => { $('brush-size-value').textContent = brush.value; });
$('clear').addEventListener('click', clearMask);

function clearMask() {
  mask.clearRect(0, 0, maskCanvas.width, maskCanvas.height);
  state.painted = false;
  updateSubmit();
}

function canvasPoint(e) {
  const r = maskCanvas.getBoundingClientRect();
  return { x: (e.clientX - r.left) * maskCanvas.width / r.width, y: (e.clientY - r.top) * maskCanvas.height / r.height,
    scale: maskCanvas.width / r.width };
}

let last = null;
function paint(e) {
  if (!state.imageFile) return;
  const p = canvasPoint(e);
  mask.globalCompositeOperation = $('eraser').checked ? 'destination-out' : 'source-over';
  mask.strokeStyle = mask.fillStyle = 'rgba(255, 40, 40, 0.6)';
  mask.lineCap = 'round';
  mask.lineWidth = brush.value * p.scale;
  mask.beginPath();
  if (last) { mask.moveTo(last.x, last.y); mask.lineTo(p.x, p.y); mask.stroke(); }
  mask.beginPath();
  mask.arc(p.x, p.y, mask.lineWidth / 2, 0, Math.PI * 2);
  mask.fill();
  last = p;
  if (!$('eraser').checked) state.painted = true;
  updateSubmit();
}
maskCanvas.addEventListener('pointerdown', (e) => { maskCanvas.setPointerCapture(e.pointerId); last = null; paint(e); });
maskCanvas.addEventListener('pointermove', (e) => { if (e.buttons & 1) paint(e); });
maskCanvas.addEventListener('pointerup', () => { last = null; });

$('mask-file').addEventListener('change', async (e) => {
  const file = e.target.files[0];
  if (!file || !state.imageFile) { status('Open the image first, then its mask.', true); return; }
  const bitmap = await createImageBitmap(file);
  if (bitmap.width !== maskCanvas.width || bitmap.height !== maskCanvas.height) {
    status(`The mask is ${bitmap.width}×${bitmap.height} but the image is ${maskCanvas.width}×${maskCanvas.height}.`, true);
    return;
  }
  const tmp = new OffscreenCanvas(bitmap.width, bitmap.height).getContext('2d');
  tmp.drawImage(bitmap, 0, 0);
  const src = tmp.getImageData(0, 0, bitmap.width, bitmap.height);
  const out = mask.createImageData(bitmap.width, bitmap.height);
  let holes = 0;
  for (let i = 0; i < src.data.length; i += 4) {
    const lum = 0.299 * src.data[i] + 0.587 * src.data[i + 1] + 0.114 * src.data[i + 2];
    if (lum >= 128) { out.data.set([255, 40, 40, 153], i); holes++; }
  }
  mask.putImageData(out, 0, 0);
  state.painted = holes > 0;
  updateSubmit();
  status(holes > 0 ? 'Mask loaded.' : 'That mask has no white pixel (no hole).', holes === 0);
});

/** The painted hole as a PNG: white where painted, black elsewhere, at the image's size. */
function maskPng() {
  const w = maskCanvas.width, h = maskCanvas.height;
  const painted = mask.getImageData(0, 0, w, h).data;
  const out = new OffscreenCanvas(w, h);
  const ctx = out.getContext('2d');
  const img = ctx.createImageData(w, h);
  for (let i = 0; i < painted.length; i += 4) {
    const v = painted[i + 3] > 0 ? 255 : 0;
    img.data[i] = img.data[i + 1] = img.data[i + 2] = v;
    img.data[i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
  return out.convertToBlob({ type: 'image/png' });
}

function updateSubmit() {
  $('submit').disabled = !(state.imageFile && state.painted) || state.following;
}

// ---- models ---------------------------------------------------------------------------------
/** Fills the model choice from GET /v1/models (again after a training has exported a new model). */
function loadModels() {
  return fetch('/v1/models').then((r) => r.json()).then((m) => fillModelChoice($('model'), m.models,
    (model) => `${model.name}${model.default ? ' (default)' : ''} · ${model.workers} worker(s)`)).catch(() => {});
}
loadModels();

// ---- submit and stream ----------------------------------------------------------------------
$('job-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const form = new FormData();
  form.append('image', state.imageFile, state.imageFile.name);
  form.append('mask', await maskPng(), 'mask.png');
  for (const id of ['samples', 'strategy', 'top', 'seed', 'model']) {
    if ($(id).value !== '') form.append(id, $(id).value);
  }
  $('tiles').replaceChildren();
  state.tiles.clear();
  $('viewer').hidden = true;
  status('Submitting…');
  const { job, error } = await submitJob('/v1/completions', { body: form });
  if (error) {
    status(error, true);
    return;
  }
  state.jobId = job.id;
  status('Queued…');
  state.following = true;
  updateSubmit();
  $('cancel').hidden = false;
  followJob(job.events, onEvent, () => {
    state.following = false;
    $('cancel').hidden = true;
    updateSubmit();
  });
});

function onEvent(e) {
  const progress = $('progress');
  switch (e.type) {
    case 'queued': status(`Queued: ${e.samples} sample(s).`); break;
    case 'started': status(`Sampling${e.model ? ` with ${e.model}` : ''}${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}…`); progress.hidden = false; break;
    case 'sample': addTile(e); break;
    case 'progress': progress.max = e.total; progress.value = e.done; status(`Sampling: ${e.done} of ${e.total}.`); break;
    case 'succeeded': rank(e.samples); progress.value = progress.max; status(`Done: best ${e.samples.length} ranked by score.`); break;
    case 'failed': status(`Failed: ${e.error}`, true); break;
    case 'cancelled': status('Cancelled.'); break;
    default: break; // newer event types are ignored
  }
}

/** Tiles load the sample scaled down by the gateway: a 12-megapixel PNG per tile would be tens of MB. */
const TILE_WIDTH = 384;

function addTile(e) {
  if (state.tiles.has(e.index)) return;
  const li = document.createElement('li');
  li.className = 'tile';
  li.dataset.index = e.index;
  li.dataset.score = e.score;
  const img = document.createElement('img');
  img.src = `${e.url}?width=${TILE_WIDTH}`;
  img.alt = `completion ${e.index}`;
  const caption = document.createElement('div');
  caption.className = 'caption';
  caption.innerHTML = `<span class="rank"></span><span>#${e.index} · ${e.score.toFixed(3)}</span>`;
  li.append(img, caption);
  li.addEventListener('click', () => select(li, e));
  $('tiles').append(li);
  state.tiles.set(e.index, li);
}

function rank(samples) {
  const ordered = [];
  samples.forEach((s, i) => {
    const li = state.tiles.get(s.index);
    if (li) { li.querySelector('.rank').textContent = `${i + 1}.`; ordered.push(li); }
  });
  for (const [index, li] of state.tiles) {
    if (!samples.some((s) => s.index === index)) li.remove();
  }
  $('tiles').replaceChildren(...ordered);
  $('tiles').classList.add('ranked');
  if (ordered.length) ordered[0].click();
}

function select(li, e) {
  for (const t of state.tiles.values()) t.classList.toggle('selected', t === li);
  $('viewer').hidden = false;
  $('viewer-image').src = e.url;
  $('viewer-image').dataset.sample = e.url;
  $('download').href = e.url;
  $('download').setAttribute('download', `picnet-${state.jobId}-${e.index}.png`);
  $('viewer-caption').textContent = `sample #${e.index}, score ${e.score.toFixed(3)}`;
}

// compare with the input: hold the button, or hover the image
const viewerImage = $('viewer-image');
const showInput = () => { if (state.imageUrl) viewerImage.src = state.imageUrl; };
const showSample = () => { if (viewerImage.dataset.sample) viewerImage.src = viewerImage.dataset.sample; };
$('compare').addEventListener('pointerdown', showInput);
$('compare').addEventListener('pointerup', showSample);
$('compare').addEventListener('pointerleave', showSample);
viewerImage.addEventListener('mouseenter', showInput);
viewerImage.addEventListener('mouseleave', showSample);

$('cancel').addEventListener('click', async () => {
  if (!state.jobId) return;
  const refused = await cancelJob(state.jobId);
  if (refused) status(refused, true);
});

function status(text, error = false) {
  $('status').textContent = text;
  $('status').classList.toggle('error', error);
}
