// A live chart of a training's losses against step, drawn as inline SVG: one line per loss term,
// total_g thicker. The scale is logarithmic while every value is positive, since the terms differ by
// orders of magnitude (kl_rec near 0.1, total_g near 10).
'use strict';

const SVG_NS = 'http://www.w3.org/2000/svg';
const LOSS_COLORS = ['#1b1d21', '#2a6df4', '#d9480f', '#2b8a3e', '#862e9c', '#e67700', '#0b7285', '#c2255c', '#5c940d'];
const NOT_PLOTTED = ['lr']; // the learning rate comes with the losses but is no loss
const MAX_POINTS = 2000;

function lossChart(svg, legend) {
  const points = []; // { step, losses }, in step order
  const box = { left: 56, right: 630, top: 12, bottom: 250 };

  const terms = () => {
    const names = new Set();
    for (const p of points) Object.keys(p.losses).forEach((n) => { if (!NOT_PLOTTED.includes(n)) names.add(n); });
    return [...names].sort((a, b) => (a === 'total_g' ? -1 : b === 'total_g' ? 1 : a.localeCompare(b)));
  };

  const element = (name, attributes, text) => {
    const e = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function draw() {
    svg.replaceChildren();
    legend.replaceChildren();
    svg.dataset.points = points.length;
    const names = terms();
    const values = points.flatMap((p) => names.map((n) => p.losses[n])).filter(Number.isFinite);
    if (values.length === 0) return;
    const log = values.every((v) => v > 0);
    svg.dataset.scale = log ? 'log' : 'linear';
    const f = log ? Math.log10 : (v) => v;
    let low = Math.min(...values.map(f));
    let high = Math.max(...values.map(f));
    if (high - low < 1e-9) { low -= 0.5; high += 0.5; }
    const first = points[0].step;
    const last = Math.max(points[points.length - 1].step, first + 1);
    const x = (step) => box.left + ((step - first) / (last - first)) * (box.right - box.left);
    const y = (v) => box.bottom - ((f(v) - low) / (high - low)) * (box.bottom - box.top);
    const label = (u) => (log ? 10 ** u : u).toPrecision(3);

    svg.append(element('rect', { x: box.left, y: box.top, width: box.right - box.left, height: box.bottom - box.top,
      class: 'frame' }));
    svg.append(element('text', { x: box.left - 4, y: box.top + 10, 'text-anchor': 'end' }, label(high)));
    svg.append(element('text', { x: box.left - 4, y: box.bottom, 'text-anchor': 'end' }, label(low)));
    svg.append(element('text', { x: box.left, y: box.bottom + 16 }, `step ${first}`));
    svg.append(element('text', { x: box.right, y: box.bottom + 16, 'text-anchor': 'end' }, `${last}`));

    names.forEach((name, i) => {
      const color = LOSS_COLORS[i % LOSS_COLORS.length];
      let d = '';
      let plotted = 0;
      let pen = 'M';
      for (const p of points) {
        const v = p.losses[name];
        if (!Number.isFinite(v)) { pen = 'M'; continue; }
        d += `${pen}${x(p.step).toFixed(1)} ${y(v).toFixed(1)} `;
        pen = 'L';
        plotted++;
      }
      svg.append(element('path', { d: d.trim(), stroke: color, fill: 'none', 'stroke-width': name === 'total_g' ? 2.5 : 1.2,
        'data-term': name, 'data-points': plotted }));
      const latest = points[points.length - 1].losses[name];
      const item = document.createElement('span');
      item.className = 'legend-item';
      item.style.setProperty('--swatch', color);
      item.textContent = `${name} ${Number.isFinite(latest) ? latest.toPrecision(4) : '–'}`;
      legend.append(item);
    });
  }

  return {
    add(step, losses) {
      if (points.length && step <= points[points.length - 1].step) return;
      points.push({ step, losses: losses || {} });
      if (points.length > MAX_POINTS) points.splice(1, points.length - MAX_POINTS); // keep the first and the latest
      draw();
    },
    reset() {
      points.length = 0;
      draw();
    },
  };
}
