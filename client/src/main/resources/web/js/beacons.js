// Player beacons: what only the player can know (its start-up time, its stalls, how long it played),
// posted to the analytics service's POST /api/beacons. The session id is the CMCD `sid` the player
// puts on every request, so the service joins these beacons with the edges' access-log records.
//
// Sent with navigator.sendBeacon (a text/plain body: a CORS "simple" request, so no preflight to
// the other origin, and it still goes out while the page unloads); fetch with keepalive where
// sendBeacon is missing. The analytics URL comes from /config.json; empty means beacons are off.
import { loadConfig } from './api.js';
import { stats } from './stats.js';

const PROGRESS_MS = 10_000;
// A live viewer's distance from the live edge changes by parts (0.33 s); every 5 s shows the trend
// on the operator page, which counts a viewer for 30 s, at one small POST per viewer per 5 s.
const LATENCY_MS = 5_000;
// A media-time jump larger than this between two timeupdates is a seek, not playback.
const MAX_TICK_SECONDS = 2;

let endpoint = null;
let session = null;
let playedMs = 0;
let lastMediaTime = null;
let stallStartedAt = null;
let ended = false;

/** Starts beacons for one playback; the video element's events drive the rest. */
export async function start(sid, cid, video) {
  const { analyticsUrl } = await loadConfig();
  if (!analyticsUrl) return;
  endpoint = `${analyticsUrl}/api/beacons`;
  session = { sid, cid };
  stats.beacons = { sent: 0, failed: 0, last: null };
  video.addEventListener('timeupdate', () => tick(video));
  video.addEventListener('waiting', () => stalled(video));
  video.addEventListener('playing', resumed);
  video.addEventListener('pause', () => { lastMediaTime = null; });
  video.addEventListener('ended', () => end());
  addEventListener('pagehide', () => end());
  setInterval(progress, PROGRESS_MS);
}

/** The first frame is on screen, {@code startupMs} after loading began. */
export function startup(startupMs) {
  send('startup', { startupMs });
}

/** A playback failure the viewer saw (fatal for hls.js, or no playback at all). */
export function error() {
  send('error', {});
}

/**
 * For a live channel: how far behind the live edge the player is (hls.js's `latency`, seconds),
 * every LATENCY_MS while it plays, as `latencyMs`; the beacon's `cid` is the channel.
 */
export function startLatency(hls, video) {
  setInterval(() => {
    const latency = hls.latency;
    if (stats.startupMs == null || video.paused || !Number.isFinite(latency) || latency < 0) return;
    send('latency', { latencyMs: Math.round(latency * 1000) });
  }, LATENCY_MS);
}

function tick(video) {
  const t = video.currentTime;
  if (lastMediaTime !== null && !video.paused && stallStartedAt === null) {
    const step = t - lastMediaTime;
    if (step > 0 && step < MAX_TICK_SECONDS) playedMs += step * 1000;
  }
  lastMediaTime = t;
}

/** 'waiting' after the first frame is a stall; before it, it is still start-up. */
function stalled(video) {
  if (stats.startupMs == null || video.seeking || stallStartedAt !== null) return;
  stallStartedAt = performance.now();
}

function resumed() {
  if (stallStartedAt === null) return;
  const rebufferMs = Math.round(performance.now() - stallStartedAt);
  stallStartedAt = null;
  send('rebuffer', { rebufferMs });
}

function progress() {
  if (ended || playedMs < 1) return;
  send('progress', takePlayed());
}

function end() {
  if (ended || !session) return;
  ended = true;
  send('end', takePlayed());
}

/** Played time since the last beacon that carried it: the service adds these up. */
function takePlayed() {
  const played = Math.round(playedMs);
  playedMs -= played;
  return { playedMs: played };
}

function send(event, fields) {
  if (!endpoint || !session) return;
  const beacon = {
    sid: session.sid, cid: session.cid, edge: stats.edge || null, event, time: Date.now(),
    br: stats.bitrateKbps || null, ...fields,
  };
  const body = JSON.stringify(beacon);
  let queued = false;
  try {
    queued = typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(endpoint, body);
  } catch {
    queued = false;
  }
  if (!queued) {
    fetch(endpoint, { method: 'POST', body, keepalive: true, headers: { 'Content-Type': 'text/plain' } })
      .catch(() => { stats.beacons.failed += 1; });
  }
  stats.beacons.sent += 1;
  stats.beacons.last = event;
}
