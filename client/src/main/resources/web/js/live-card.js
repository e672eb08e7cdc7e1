// The operator page's "Live channels" card: per live channel, the viewers now (CMCD sessions with
// st=l or latency beacons in the last 30 s) and how far behind the live edge they play (median and
// p95 of each viewer's newest latency beacon), from analytics' GET /api/live (docs/live.md). Its own
// module and its own refresh, so the page's other cards know nothing of it.
const WINDOW = '30s';

/** Draws the card now and every {@code refreshMs}; {@code json(path)} reads analytics' /api{path}. */
export function startLiveCard(json, refreshMs) {
  const draw = () => json(`/live?window=${WINDOW}`).then(render, (e) => note(`unavailable: ${e.message}`));
  draw();
  setInterval(draw, refreshMs);
}

function render(answer) {
  const channels = answer.channels || [];
  document.getElementById('live-channel-count').textContent = channels.length;
  document.getElementById('live-channels').replaceChildren(...channels.map(row));
  note(channels.length === 0 ? 'no live channel has a viewer in the last 30 s' : '');
}

function row(c) {
  const tr = document.createElement('tr');
  tr.dataset.channel = c.channel;
  for (const v of [c.channel, c.viewers, seconds(c.latencyP50Millis), seconds(c.latencyP95Millis), c.latencyViewers]) {
    const td = document.createElement('td');
    td.textContent = v;
    tr.appendChild(td);
  }
  return tr;
}

function seconds(millis) {
  return millis == null ? '–' : `${(millis / 1000).toFixed(2)} s`;
}

function note(text) {
  document.getElementById('live-channels-note').textContent = text;
}
