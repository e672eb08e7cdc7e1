// The operator page: charts drawn as plain SVG from the analytics service's endpoints, refreshed
// every few seconds. The service's address comes from ?analytics=URL, else from the client's
// /config.json (client.analytics-url, the same one the player's beacons use), else port 8095 on this host.
import { loadConfig } from './api.js';

// Each chart's <svg> carries data-points (how many values it drew), which the browser test reads.
const SVG = 'http://www.w3.org/2000/svg';
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b'];
const REFRESH_MS = 5000;

let base;

async function analyticsBase() {
  const asked = new URLSearchParams(location.search).get('analytics');
  if (asked) return asked.replace(/\/+$/, '');
  try {
    const { analyticsUrl } = await loadConfig();
    if (analyticsUrl) return analyticsUrl;
  } catch {
    // no config: fall through to the conventional port
  }
  return `${location.protocol}//${location.hostname}:8095`;
}

async function json(path) {
  const r = await fetch(base + path, { cache: 'no-store' });
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}

function node(tag, attrs = {}, text) {
  const n = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) n.setAttribute(k, v);
  if (text !== undefined) n.textContent = text;
  return n;
}

function reset(svg) {
  svg.replaceChildren();
  const w = svg.clientWidth || 480;
  const h = svg.clientHeight || 220;
  svg.setAttribute('viewBox', `0 0 ${w} ${h}`);
  return { w, h };
}

function empty(svg, message) {
  const { h } = reset(svg);
  svg.appendChild(node('text', { x: 10, y: h / 2, fill: '#888' }, message));
  svg.dataset.points = '0';
}

/** Vertical bars, one group per label, one bar per series. */
function bars(svg, labels, series, max) {
  if (labels.length === 0) return empty(svg, 'no data yet');
  const { w, h } = reset(svg);
  const pad = 30;
  const top = max || Math.max(1e-9, ...series.flatMap(s => s.values));
  const group = (w - pad) / labels.length;
  const bar = Math.max(2, (group - 8) / series.length);
  let points = 0;
  labels.forEach((label, i) => {
    series.forEach((s, j) => {
      const v = s.values[i] || 0;
      const bh = (h - 2 * pad) * v / top;
      const x = pad + i * group + j * bar;
      svg.appendChild(node('rect', { x, y: h - pad - bh, width: bar - 1, height: bh, fill: COLOURS[j % COLOURS.length] }));
      svg.appendChild(node('text', { x: x + 1, y: h - pad - bh - 2, 'font-size': 9 }, s.format ? s.format(v) : Math.round(v)));
      points++;
    });
    svg.appendChild(node('text', { x: pad + i * group, y: h - 10, 'font-size': 10 }, label));
  });
  svg.appendChild(node('line', { x1: pad, y1: h - pad, x2: w, y2: h - pad, stroke: '#999' }));
  svg.dataset.points = String(points);
}

/** One line per title over time buckets. */
function lines(svg, legend, buckets) {
  const times = Object.keys(buckets).map(Number).sort((a, b) => a - b);
  legend.replaceChildren();
  if (times.length === 0) return empty(svg, 'no data yet');
  const titles = Object.keys(buckets[times[0]] || {});
  const { w, h } = reset(svg);
  const pad = 30;
  const max = Math.max(1, ...times.flatMap(t => Object.values(buckets[t])));
  const x = i => pad + (w - 2 * pad) * (times.length === 1 ? 0.5 : i / (times.length - 1));
  const y = v => h - pad - (h - 2 * pad) * v / max;
  let points = 0;
  titles.forEach((title, j) => {
    const colour = COLOURS[j % COLOURS.length];
    const pts = times.map((t, i) => `${x(i)},${y(buckets[t][title] || 0)}`);
    points += pts.length;
    svg.appendChild(node('polyline', { points: pts.join(' '), fill: 'none', stroke: colour, 'stroke-width': 2 }));
    times.forEach((t, i) => svg.appendChild(node('circle', { cx: x(i), cy: y(buckets[t][title] || 0), r: 2, fill: colour })));
    const item = document.createElement('span');
    item.innerHTML = `<i style="background:${colour}"></i>`;
    item.append(title);
    legend.appendChild(item);
  });
  svg.appendChild(node('text', { x: 2, y: pad, 'font-size': 10 }, String(max)));
  svg.appendChild(node('text', { x: pad, y: h - 10, 'font-size': 10 }, new Date(times[0]).toISOString().slice(11, 16)));
  svg.appendChild(node('text', { x: w - pad - 30, y: h - 10, 'font-size': 10 }, new Date(times[times.length - 1]).toISOString().slice(11, 16)));
  svg.dataset.points = String(points);
}

function sessionsTable(list) {
  document.getElementById('live-count').textContent = list.length;
  const rows = list.slice(0, 15).map(s => {
    const tr = document.createElement('tr');
    const startup = s.startupSource ? `${Math.round(s.qos.startupMillis)} (${s.startupSource})` : '–';
    for (const v of [s.id, s.titles.join(' '), s.edges.join(' '), s.edgeRecords, s.beacons, startup,
      Math.round(s.qos.avgBitrateKbps), s.score]) {
      const td = document.createElement('td');
      td.textContent = v;
      tr.appendChild(td);
    }
    return tr;
  });
  document.getElementById('sessions').replaceChildren(...rows);
}

function legendOf(id, names) {
  const legend = document.getElementById(id);
  legend.replaceChildren(...names.map((n, j) => {
    const item = document.createElement('span');
    item.innerHTML = `<i style="background:${COLOURS[j]}"></i>`;
    item.append(n);
    return item;
  }));
}

async function refresh() {
  try {
    const [popularity, top, edges, live] = await Promise.all([
      json('/api/popularity?k=5&window=1h'), json('/api/top?k=10&window=5m'), json('/api/qos/edges'),
      json('/api/sessions?live=true&limit=50')]);
    lines(document.getElementById('chart-popularity'), document.getElementById('legend-popularity'), popularity.buckets);
    bars(document.getElementById('chart-top'), top.titles.map(t => t.key), [{ values: top.titles.map(t => t.count) }]);
    const names = Object.keys(edges.edges);
    const views = names.map(n => edges.edges[n]);
    bars(document.getElementById('chart-hits'), names, [{ values: views.map(v => v.hitRatio), format: v => `${Math.round(v * 100)}%` }], 1);
    bars(document.getElementById('chart-qos'), names, [
      { values: views.map(v => v.ttfbMillis), format: v => v.toFixed(1) },
      { values: views.map(v => v.startupMillis) },
      { values: views.map(v => v.rebufferRatio * 100), format: v => `${v.toFixed(1)}%` }]);
    legendOf('legend-qos', ['TTFB ms', 'start-up ms', 'rebuffering %']);
    sessionsTable(live.sessions);
    document.getElementById('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (e) {
    document.getElementById('updated').textContent = `analytics unreachable: ${e.message}`;
  }
}

base = await analyticsBase();
document.getElementById('source').textContent = base;
refresh();
setInterval(refresh, REFRESH_MS);
