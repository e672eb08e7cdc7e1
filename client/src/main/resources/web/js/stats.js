// What the player observed about delivery, kept in window.playerStats for the end-to-end tests and
// drawn into the side panel. Headers come from the XMLHttpRequest hls.js used (the edges expose
// X-Served-By, X-Cache and X-Alternate-Edges through CORS).
import { el, kbps, urlTail } from './format.js';

const KEPT_FRAGMENTS = 200;
const SHOWN_FRAGMENTS = 12;

export const stats = {
  videoId: null,
  sessionId: null, // the CMCD sid of this playback, also in the beacons
  engine: null,
  manifestUrl: null,
  edge: null,
  cache: null,
  level: -1,
  height: null,
  bitrateKbps: null,
  startupMs: null,
  bufferedSeconds: 0,
  fragmentCount: 0,
  fragments: [],
  alternates: [],
  routedEdge: null,
  routeReason: null,
  failovers: [],
  errors: [],
  beacons: null, // { sent, failed, last } once beacons.js is on
};
window.playerStats = stats;

/** Reads the delivery headers of a finished request; null when they are not readable. */
export function deliveryOf(xhr) {
  if (!xhr || typeof xhr.getResponseHeader !== 'function') return { edge: null, cache: null, status: null };
  return {
    edge: xhr.getResponseHeader('X-Served-By'),
    cache: xhr.getResponseHeader('X-Cache'),
    status: xhr.status,
  };
}

/** Remembers the other edges the broker offered for this video, best first, for a later failover. */
export function noteAlternates(xhr) {
  const header = xhr && typeof xhr.getResponseHeader === 'function' ? xhr.getResponseHeader('X-Alternate-Edges') : null;
  if (!header) return;
  stats.alternates = header.split(',').map((s) => s.trim()).filter(Boolean);
}

export function recordFragment(url, delivery, level) {
  stats.fragmentCount += 1;
  stats.fragments.push({ url, level, edge: delivery.edge, cache: delivery.cache, status: delivery.status });
  if (stats.fragments.length > KEPT_FRAGMENTS) stats.fragments.shift();
  if (delivery.edge) stats.edge = delivery.edge;
  if (delivery.cache) stats.cache = delivery.cache;
  draw();
}

export function recordLevel(index, level) {
  stats.level = index;
  stats.height = level?.height ?? null;
  stats.bitrateKbps = level?.bitrate ? Math.round(level.bitrate / 1000) : null;
  draw();
}

export function recordError(error) {
  stats.errors.push({ ...error, at: new Date().toISOString() });
  drawErrors();
}

export function draw() {
  text('s-edge', stats.edge);
  const moves = stats.failovers.length ? ` · ${stats.failovers.length} failover(s)` : '';
  text('s-route', stats.routeReason ? `${stats.routeReason}${moves}` : null);
  text('s-cache', stats.cache);
  const cache = document.getElementById('s-cache');
  cache.className = stats.cache ? `cache ${stats.cache.toLowerCase()}` : '';
  text('s-height', stats.height ? `${stats.height}p (level ${stats.level})` : null);
  text('s-bitrate', stats.bitrateKbps ? kbps(stats.bitrateKbps * 1000) : null);
  text('s-startup', stats.startupMs != null ? `${stats.startupMs} ms` : null);
  text('s-buffer', `${stats.bufferedSeconds.toFixed(1)} s`);
  text('s-engine', stats.engine);
  drawFragments();
}

function drawFragments() {
  const rows = stats.fragments.slice(-SHOWN_FRAGMENTS).reverse().map((f) =>
    el('tr', {},
      el('td', { text: urlTail(f.url), title: f.url }),
      el('td', { text: f.edge || '–' }),
      el('td', { class: f.cache ? `cache ${f.cache.toLowerCase()}` : '', text: f.cache || '–' })));
  document.getElementById('s-frags').replaceChildren(...rows);
}

function drawErrors() {
  const items = stats.errors.slice(-8).reverse().map((e) =>
    el('li', { class: e.fatal ? 'fatal' : '', text: `${e.fatal ? 'fatal ' : ''}${e.type}: ${e.details}` }));
  document.getElementById('s-errors').replaceChildren(...items);
}

function text(id, value) {
  document.getElementById(id).textContent = value ?? '–';
}
