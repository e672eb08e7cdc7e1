// The operator page: the analytics service's popularity, QoS and sessions, drawn with uPlot
// (charts.js) and refreshed every few seconds. It is served from the client's control listener and
// reads analytics through the client's same-origin proxy (/ops/analytics/...), which forwards the
// operator's bearer token: analytics' control API sends no CORS headers, so the browser could not
// call it directly. The token (`cdn token create --role readonly`) is asked for once, or taken from
// the page's #token=... fragment (never sent to a server), and kept in sessionStorage for this tab.
import { bars, empty, followWidth, timeSeries } from './charts.js';
import { startLiveCard } from './live-card.js';

const REFRESH_MS = 5000;
const TOKEN_KEY = 'cdn-operator-token';
const chart = (id) => document.getElementById(id);

// The client's proxy forwards /ops/analytics/{path} to analytics' /api/{path}: paths here omit /api.
const base = '/ops/analytics';

function token() {
  const fromFragment = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromFragment) {
    sessionStorage.setItem(TOKEN_KEY, fromFragment);
    history.replaceState(null, '', location.pathname + location.search); // out of the address bar and history
  }
  let t = sessionStorage.getItem(TOKEN_KEY);
  if (!t) {
    t = (window.prompt('Operator token (cdn token create --role readonly):') || '').trim();
    if (t) sessionStorage.setItem(TOKEN_KEY, t);
  }
  return t;
}

async function json(path) {
  const r = await fetch(base + path, { cache: 'no-store', headers: { Authorization: `Bearer ${token()}` } });
  if (r.status === 401) sessionStorage.removeItem(TOKEN_KEY); // asked again on the next refresh
  if (!r.ok) throw new Error(`${path}: ${r.status}`);
  return r.json();
}

/** Requests per minute bucket of the top titles, over the last hour. */
function popularity(buckets) {
  const starts = Object.keys(buckets).map(Number).sort((a, b) => a - b);
  if (starts.length === 0) return empty(chart('chart-popularity'), 'no requests yet');
  const titles = Object.keys(buckets[starts[0]] || {});
  timeSeries(chart('chart-popularity'), {
    times: starts.map((t) => t / 1000),
    series: titles.map((title) => ({ label: title, values: starts.map((t) => buckets[t][title] ?? 0) })),
    unit: 'requests / min',
  });
}

function top(titles) {
  if (titles.length === 0) return empty(chart('chart-top'), 'no requests in the last 5 minutes');
  bars(chart('chart-top'), { category: 'title', labels: titles.map((t) => t.key),
    series: [{ label: 'requests', values: titles.map((t) => t.count) }], unit: 'requests' });
}

/**
 * Per edge: hit ratio and rebuffering in %, and TTFB and start-up as p50 and p95 in ms. Means would
 * mix a few slow fills into every edge's figure; the median and the tail say what viewers get.
 */
function edges(byEdge) {
  const names = Object.keys(byEdge);
  const views = names.map((n) => byEdge[n]);
  if (names.length === 0) {
    ['chart-hits', 'chart-ttfb', 'chart-startup'].forEach((id) => empty(chart(id), 'no edge records yet'));
    return;
  }
  bars(chart('chart-hits'), { category: 'edge', labels: names, unit: '%', max: 100, series: [
    { label: 'hit ratio', values: views.map((v) => v.hitRatio * 100) },
    { label: 'rebuffering', values: views.map((v) => v.rebufferRatio * 100) }] });
  bars(chart('chart-ttfb'), { category: 'edge', labels: names, unit: 'ms', series: [
    { label: 'TTFB p50', values: views.map((v) => v.ttfbP50Millis) },
    { label: 'TTFB p95', values: views.map((v) => v.ttfbP95Millis) }] });
  bars(chart('chart-startup'), { category: 'edge', labels: names, unit: 'ms', series: [
    { label: 'start-up p50', values: views.map((v) => v.startupP50Millis) },
    { label: 'start-up p95', values: views.map((v) => v.startupP95Millis) }] });
}

function sessionsTable(list) {
  chart('live-count').textContent = list.length;
  const rows = list.slice(0, 15).map((s) => {
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
  chart('sessions').replaceChildren(...rows);
}

async function refresh() {
  try {
    const [pop, topTitles, qos, live] = await Promise.all([
      json('/popularity?k=5&window=1h'), json('/top?k=10&window=5m'), json('/qos/edges'),
      json('/sessions?live=true&limit=50')]);
    popularity(pop.buckets);
    top(topTitles.titles);
    edges(qos.edges);
    sessionsTable(live.sessions);
    chart('updated').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (e) {
    chart('updated').textContent = `analytics unreachable: ${e.message}`;
  }
}

chart('source').textContent = `${location.origin}${base}`;
followWidth(['chart-popularity', 'chart-top', 'chart-hits', 'chart-ttfb', 'chart-startup'].map(chart));
refresh();
setInterval(refresh, REFRESH_MS);
startLiveCard(json, REFRESH_MS);
