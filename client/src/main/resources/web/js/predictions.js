// The operator page's "Predictions" card (docs/prediction.md, "The operator page"): per site, the
// titles the site's edges predict a demand spike for (a current alarm, or a probability at or above
// the floor), the titles an alarm ranks first in the site's allocation, and the controller's last
// decisions about them with their reason. It reads the
// controller's GET /api/predict through the client's same-origin proxy (/ops/controller/...), with
// the operator token operator.js asked for (same sessionStorage key), and draws its own card, so the
// page's other cards and this one share nothing but the grid.
import { plural } from './format.js';

const REFRESH_MS = 5000;
const TOKEN_KEY = 'cdn-operator-token';
// operator.html?floor=0.02 shows less likely titles too; anything but a probability is the default.
const asked = Number.parseFloat(new URLSearchParams(location.search).get('floor'));
const FLOOR = asked >= 0 && asked <= 1 ? asked : 0.1;

function card() {
  const section = document.createElement('section');
  section.className = 'card wide';
  section.id = 'predictions';
  const title = document.createElement('h2');
  title.textContent = 'Predictions';
  const note = document.createElement('p');
  note.className = 'note';
  note.textContent = `Per site: titles with a spike alarm or a probability of ${FLOOR * 100} % or more at the last `
    + 'tick of its edges, and the controller\'s last decisions (prepositioned, cooldown, no_plan, failed).';
  const body = document.createElement('div');
  body.id = 'predictions-sites';
  section.append(title, note, body);
  document.querySelector('main .charts').appendChild(section);
  return body;
}

function cell(tag, text) {
  const el = document.createElement(tag);
  el.textContent = text;
  return el;
}

function table(headers, rows) {
  const t = document.createElement('table');
  t.className = 'sessions';
  const head = document.createElement('tr');
  headers.forEach((h) => head.appendChild(cell('th', h)));
  t.appendChild(document.createElement('thead')).appendChild(head);
  const body = t.appendChild(document.createElement('tbody'));
  rows.forEach((values) => {
    const tr = body.appendChild(document.createElement('tr'));
    values.forEach((v) => tr.appendChild(cell('td', v)));
  });
  return t;
}

const percent = (p) => `${(p * 100).toFixed(1)} %`;
const clock = (unixSeconds) => (unixSeconds > 0 ? new Date(unixSeconds * 1000).toLocaleTimeString() : '–');

function site(s, boosts) {
  const box = document.createElement('div');
  box.className = 'prediction-site';
  box.dataset.site = s.site;
  box.appendChild(cell('h3', `${s.site} · ${plural(s.titles.length, 'title')} · tick ${clock(s.at)}`));
  box.appendChild(s.titles.length === 0 ? cell('p', 'no title above the floor') : table(
    ['title', 'probability', 'alarm', 'edge', 'expected requests'],
    s.titles.map((t) => [t.videoId, percent(t.probability), t.alarm ? 'ALARM' : '', t.edge, t.expectedRequests])));
  const boosted = boosts.filter((b) => b.site === s.site);
  if (boosted.length > 0) {
    box.appendChild(cell('p', `ranked first in the site's allocation: ${
      boosted.map((b) => `${b.videoId} (until ${clock(b.until)})`).join(', ')}`));
  }
  if (s.actions.length > 0) {
    box.appendChild(table(['time', 'title', 'action', 'edge', 'probability', 'objects', 'alarm reason'],
      s.actions.map((a) => [clock(a.time), a.videoId, a.action, a.edge, percent(a.probability), a.objects, a.reason])));
  }
  return box;
}

async function refresh(body) {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return; // operator.js asks for it; the next refresh uses it
  try {
    const r = await fetch(`/ops/controller/predict?floor=${FLOOR}`,
      { cache: 'no-store', headers: { Authorization: `Bearer ${token}` } });
    if (!r.ok) throw new Error(`${r.status}`);
    const { sites, boosts = [] } = await r.json();
    body.replaceChildren(...(sites.length === 0 ? [cell('p', 'no prediction from any edge yet')]
      : sites.map((s) => site(s, boosts))));
  } catch (e) {
    body.replaceChildren(cell('p', `controller unreachable: ${e.message}`));
  }
}

const body = card();
refresh(body);
setInterval(() => refresh(body), REFRESH_MS);
