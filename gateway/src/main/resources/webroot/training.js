// The training view: start a training on the workers' data, follow its steps, losses, previews and
// checkpoints live, cancel it; the new model joins the completion view's list when it is exported.
'use strict';

const training = { jobId: null, following: false };
const chart = lossChart($('loss-chart'), $('loss-legend'));

// ---- the two views ---------------------------------------------------------------------------
function showView(name) {
  for (const view of ['completion', 'training']) {
    $(`${view}-view`).hidden = view !== name;
    $(`tab-${view}`).setAttribute('aria-selected', String(view === name));
  }
}
$('tab-completion').addEventListener('click', () => showView('completion'));
$('tab-training').addEventListener('click', () => { showView('training'); showTrainers(); });

/**
 * Says whether any live worker takes trainings (GET /v1/models), since without one a training only waits,
 * and offers the served models to fine-tune from.
 */
function showTrainers() {
  return fetch('/v1/models').then((r) => r.json()).then((m) => {
    const trainers = m.trainers || 0;
    $('train-workers').textContent = trainers === 0
      ? 'No live worker takes trainings now: a training waits in the queue until one starts (picnet worker without --no-training).'
      : `Workers that train: ${trainers} live, ${m.training || 0} training now.`;
    fillModelChoice($('train-init-model'), m.models, (model) => model.name);
  }).catch(() => {});
}

// ---- the form ---------------------------------------------------------------------------------
const TEXT_FIELDS = { name: 'train-name', dataset: 'train-dataset', resumeFrom: 'train-resume-from',
  initModel: 'train-init-model' };
const NUMBER_FIELDS = { size: 'train-size', batch: 'train-batch', steps: 'train-steps',
  checkpointEvery: 'train-checkpoint-every', previewEvery: 'train-preview-every', seed: 'train-seed',
  learningRate: 'train-learning-rate', decaySteps: 'train-decay-steps',
  discriminatorLearningRate: 'train-d-learning-rate', holeL1: 'train-hole-l1',
  holeBestOf: 'train-hole-best-of' };

/** The JSON body; empty inputs are left out so the gateway's defaults apply, and it checks the rest. */
function trainingBody() {
  const body = {};
  for (const [field, id] of Object.entries(TEXT_FIELDS)) {
    const value = $(id).value.trim();
    if (value !== '') body[field] = value;
  }
  for (const [field, id] of Object.entries(NUMBER_FIELDS)) {
    if ($(id).value !== '') body[field] = Number($(id).value);
  }
  body.masks = [...document.querySelectorAll('#train-masks input[type=checkbox]:checked')].map((c) => c.value);
  const folder = $('train-mask-folder').value.trim();
  if (folder !== '') body.masks.push(`folder:${folder}`);
  body.discriminatorAugment = [...document.querySelectorAll('#train-augment input[type=checkbox]:checked')]
    .map((c) => c.value);
  return body;
}

function markInvalid(field) {
  document.querySelectorAll('#training-form [aria-invalid]').forEach((e) => e.removeAttribute('aria-invalid'));
  const id = field === 'masks' ? 'train-mask-folder' : TEXT_FIELDS[field] || NUMBER_FIELDS[field];
  if (id) { $(id).setAttribute('aria-invalid', 'true'); $(id).focus(); }
}

function updateTrainingButtons() {
  $('train-start').disabled = training.following;
  $('train-cancel').hidden = !training.following;
}

$('training-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  markInvalid(null);
  chart.reset();
  $('checkpoints').replaceChildren();
  $('preview').hidden = true;
  $('trained-model').hidden = true;
  $('train-rate').textContent = '';
  $('train-progress').hidden = true;
  trainStatus('Submitting…');
  const { job, error, field } = await submitJob('/v1/trainings', {
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(trainingBody()) });
  if (error) {
    trainStatus(error, true);
    markInvalid(field);
    return;
  }
  training.jobId = job.id;
  training.following = true;
  $('train-status').dataset.job = job.id;
  trainStatus(`Queued (job ${job.id}).`);
  updateTrainingButtons();
  followJob(job.events, onTrainingEvent, () => {
    training.following = false;
    updateTrainingButtons();
  });
});

$('train-cancel').addEventListener('click', async () => {
  if (!training.jobId) return;
  const refused = await cancelJob(training.jobId);
  if (refused) trainStatus(refused, true);
});

// ---- events ------------------------------------------------------------------------------------
function onTrainingEvent(e) {
  const progress = $('train-progress');
  switch (e.type) {
    case 'queued': progress.max = e.steps; trainStatus(`Queued: ${e.steps} steps, to export as ${e.model}.`); break;
    case 'started': progress.hidden = false; trainStatus(`Training${e.attempt > 1 ? ` (attempt ${e.attempt})` : ''}…`); break;
    case 'progress': onStep(e); break;
    case 'preview': onPreview(e); break;
    case 'checkpoint': onCheckpoint(e); break;
    case 'succeeded': onTrained(e); break;
    case 'failed': trainStatus(`Failed: ${e.error}`, true); break;
    case 'cancelled': trainStatus('Cancelled.'); break;
    default: break; // newer event types are ignored
  }
}

function onStep(e) {
  chart.add(e.step, e.losses);
  const progress = $('train-progress');
  progress.hidden = false;
  progress.max = e.steps;
  progress.value = e.step;
  trainStatus(`Step ${e.step} of ${e.steps}.`);
  const rate = Number.isFinite(e.stepsPerSecond) ? `${e.stepsPerSecond.toPrecision(3)} steps/s` : '';
  const eta = Number.isFinite(e.etaSeconds) ? `about ${duration(e.etaSeconds)} left` : '';
  $('train-rate').textContent = [rate, eta].filter(Boolean).join(' · ');
}

function onPreview(e) {
  $('train-preview').src = e.url;
  $('preview-caption').textContent = `Preview at step ${e.step}.`;
  $('preview').hidden = false;
}

function onCheckpoint(e) {
  const li = document.createElement('li');
  li.textContent = `step ${e.step}: ${e.checkpoint}`;
  $('checkpoints').prepend(li);
}

function onTrained(e) {
  const progress = $('train-progress');
  progress.value = progress.max;
  $('train-rate').textContent = '';
  trainStatus(`Trained: the model is exported as ${e.model}.`);
  $('trained-model').textContent = `Model ${e.model} is ready: choose it in Complete.`;
  $('trained-model').dataset.model = e.model;
  $('trained-model').hidden = false;
  loadModels();
}

function duration(seconds) {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

function trainStatus(text, error = false) {
  $('train-status').textContent = text;
  $('train-status').classList.toggle('error', error);
}
