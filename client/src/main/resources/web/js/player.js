// The player page: loads the video's JSON from vid-metadata, plays its playUrl (the broker, which
// redirects to an edge) with hls.js, and records which edge served what (see stats.js). It reports
// start-up, stalls and watch time to the analytics service under its CMCD session id (beacons.js).
import { getVideo } from './api.js';
import { duration, showNotice } from './format.js';
import * as Stats from './stats.js';
import * as Failover from './failover.js';
import * as Beacons from './beacons.js';
import { LIVE_CONFIG } from './live.js';
import { startTrace } from './live-trace.js';

const video = document.getElementById('video');
const startButton = document.getElementById('start');
const { stats } = Stats;
const MAX_NETWORK_RECOVERIES = 3;

// Buffer targets for viewers on mobile networks: fetch about 12 s ahead, never more than 20 s, keep
// 30 s behind for a quick rewind. hls.js's own defaults aim for max(maxBufferLength, 8 ×
// maxBufferSize / level bitrate) seconds, capped by maxMaxBufferLength (600 s): with 60 MB that is
// 170 s at 2.8 Mbit/s, so it fetched 67 s of a 75 s video right after start-up, data a viewer who
// leaves early never watches. With 6 MB the size term gives 10 s at 5 Mbit/s (the 12 s floor
// holds) and 60 s at 800 kbit/s (the 20 s ceiling holds): at most 2 MB ahead on a 360p rendition.
// 12 s is six 2-s segments, enough to ride out a throughput dip of a few seconds.
const MOBILE_BUFFER = Object.freeze({
  maxBufferLength: 12,
  maxMaxBufferLength: 20,
  maxBufferSize: 6 * 1000 * 1000,
  backBufferLength: 30,
});
let loadStartedAt = 0;

async function main() {
  const id = new URLSearchParams(location.search).get('id');
  stats.videoId = id;
  if (!id) {
    fail('No video chosen', 'Open a video from the catalog.');
    return;
  }
  let meta;
  try {
    meta = await getVideo(id);
  } catch (e) {
    fail(e.title || 'Something went wrong', e.message);
    return;
  }
  describe(meta);
  const sid = sessionId();
  stats.sessionId = sid;
  // The broker's JSON route gives alternates to fail over to. The master still loads through /play
  // with the same session id, which the broker keeps sticky, so both name the same edge.
  const routed = await Failover.route(meta.playUrl, meta.id, sid);
  const playUrl = new URL(meta.playUrl, location.href);
  playUrl.searchParams.set('sid', sid);
  await Beacons.start(sid, meta.id, video);
  play(meta, playUrl.toString(), sid, !!routed);
}

function describe(meta) {
  document.title = `${meta.name || meta.id} · telcocdn`;
  document.getElementById('title').textContent = meta.name || meta.id;
  const tags = (meta.tags || []).map((t) => `#${t}`).join(' ');
  const renditions = (meta.renditions || []).map((r) => `${r.height}p`).join(', ');
  document.getElementById('meta').textContent =
    [meta.live ? 'LIVE' : duration(meta.durationSeconds), renditions, tags].filter(Boolean).join(' · ');
  document.getElementById('s-latency-row').hidden = !meta.live;
  if (meta.posterUrl) video.poster = meta.posterUrl;
}

function play(meta, sourceUrl, sid, failover) {
  video.muted = true; // browsers only autoplay muted media
  video.addEventListener('playing', onFirstPlaying, { once: true });
  setInterval(updateBuffer, 500);
  loadStartedAt = performance.now();
  if (window.Hls && window.Hls.isSupported()) {
    playWithHlsJs(meta, sourceUrl, sid, failover);
  } else if (video.canPlayType('application/vnd.apple.mpegurl')) {
    stats.engine = 'native HLS';
    video.src = sourceUrl;
    autoplay();
  } else {
    fail('This browser cannot play HLS', 'It supports neither Media Source Extensions nor native HLS.');
  }
  Stats.draw();
}

function playWithHlsJs(meta, sourceUrl, sid, failover) {
  const Hls = window.Hls;
  stats.engine = `hls.js ${Hls.version}`;
  const config = {
    ...MOBILE_BUFFER,
    ...(meta.live ? LIVE_CONFIG : {}),
    // CMCD in query mode: custom request headers would force a CORS preflight on every segment.
    cmcd: { sessionId: sid, contentId: meta.id, useHeaders: false },
  };
  // ?buffer=N caps the forward buffer at N seconds (as a low-latency player would), so a short video
  // keeps fetching during playback: the failover test uses it to kill an edge mid-download.
  const buffer = Number(new URLSearchParams(location.search).get('buffer'));
  if (buffer > 0) Object.assign(config, { maxBufferLength: buffer, maxMaxBufferLength: buffer });
  if (failover) {
    config.loader = Failover.loaderClass(Hls.DefaultConfig.loader);
    // A slow fragment counts as failed sooner than hls.js's defaults, so the next edge gets it in time.
    config.fragLoadPolicy = { default: { maxTimeToFirstByteMs: 2000, maxLoadTimeMs: 6000,
      timeoutRetry: { maxNumRetry: 2, retryDelayMs: 0, maxRetryDelayMs: 0 },
      errorRetry: { maxNumRetry: 3, retryDelayMs: 500, maxRetryDelayMs: 2000 } } };
  }
  const hls = new Hls(config);
  window.hls = hls;
  hls.on(Hls.Events.MANIFEST_LOADED, (_, data) => onPlaylist(data, true));
  hls.on(Hls.Events.LEVEL_LOADED, (_, data) => onPlaylist(data, false));
  hls.on(Hls.Events.MANIFEST_PARSED, autoplay);
  hls.on(Hls.Events.LEVEL_SWITCHED, (_, data) => Stats.recordLevel(data.level, hls.levels[data.level]));
  hls.on(Hls.Events.FRAG_LOADED, (_, data) => onFragment(hls, data));
  hls.on(Hls.Events.ERROR, (_, data) => onError(hls, data, meta));
  if (meta.live) startTrace(Hls, hls, video);
  hls.loadSource(sourceUrl);
  hls.attachMedia(video);
  if (meta.live) {
    // A stall: the video waits for data after it has started playing, not because of a seek, for
    // STALL_MS or more. Shorter waits are counted apart: Chromium fires 'waiting' for a gap of a
    // frame or two at a part boundary that no viewer sees (CI saw one such wait in a run whose
    // glass-to-glass latency never moved from 1.76 s), and the time spent waiting is kept in full.
    video.addEventListener('playing', () => {
      video.addEventListener('waiting', () => { if (!video.seeking) waitingSince = performance.now(); });
      video.addEventListener('playing', endWait);
      video.addEventListener('timeupdate', endWait);
    }, { once: true });
    setInterval(() => showLatency(hls), 500);
    Beacons.startLatency(hls, video);
  }
}

const STALL_MS = 100; // three frames at 30 fps
let liveStalls = 0;
let shortWaits = 0;
let waitedMs = 0;
let waitingSince = null;

function endWait() {
  if (waitingSince === null || video.readyState < 3) return; // HAVE_FUTURE_DATA: playing again
  const ms = performance.now() - waitingSince;
  waitingSince = null;
  waitedMs += ms;
  if (ms >= STALL_MS) liveStalls++; else shortWaits++;
}

/** Stalls so far, a wait still going on counted once it is long enough. */
function stallsNow() {
  const open = waitingSince !== null && performance.now() - waitingSince >= STALL_MS;
  return liveStalls + (open ? 1 : 0);
}

// Live latency, two ways: from the live edge (hls.js's `latency`, the playlist's view) and glass to
// glass (the clock against EXT-X-PROGRAM-DATE-TIME of the playing position, `playingDate`). Kept in
// window.liveLatency for tests and the bench script.
function showLatency(hls) {
  const playing = hls.playingDate;
  if (!playing || video.paused) return;
  const glass = (Date.now() - playing.getTime()) / 1000;
  const edge = hls.latency;
  const parts = hls.levels[hls.currentLevel]?.details?.partTarget;
  window.liveLatency = window.liveLatency || [];
  window.liveLatency.push({ at: Date.now(), glass, edge, stalls: stallsNow(), shortWaits, waitedMs, level: hls.currentLevel });
  if (window.liveLatency.length > 2400) window.liveLatency.shift(); // 20 min at 2 a second
  document.getElementById('s-latency').textContent =
    `${glass.toFixed(2)} s glass to glass, ${edge.toFixed(2)} s from the live edge` +
    (parts ? `, parts of ${parts.toFixed(2)} s` : '');
}

function onPlaylist(data, master) {
  const xhr = data.networkDetails;
  if (master) {
    stats.manifestUrl = withoutCmcd(xhr?.responseURL || data.url);
    Stats.noteAlternates(xhr);
  }
  const delivery = Stats.deliveryOf(xhr);
  if (delivery.edge) stats.edge = delivery.edge;
  Stats.draw();
}

function onFragment(hls, data) {
  const xhr = data.networkDetails;
  const url = withoutCmcd(xhr?.responseURL || data.frag?.url);
  const level = data.frag?.level;
  // LEVEL_SWITCHED only fires once media is buffered; until then the loading level is the best guess.
  if (stats.level < 0 && Number.isInteger(level)) Stats.recordLevel(level, hls.levels[level]);
  Stats.recordFragment(url, Stats.deliveryOf(xhr), level);
}

let networkRecoveries = 0;

function onError(hls, data, meta) {
  Stats.recordError({ type: data.type, details: data.details, fatal: !!data.fatal, code: data.response?.code });
  if (!data.fatal) return;
  Beacons.error();
  const Hls = window.Hls;
  if (data.details === Hls.ErrorDetails.MANIFEST_LOAD_ERROR || data.details === Hls.ErrorDetails.MANIFEST_LOAD_TIMEOUT) {
    hls.destroy(); // without a manifest there is nothing startLoad() could resume
    fail("Can't start playback", manifestProblem(data.response?.code, meta.playUrl));
    return;
  } else if (data.type === Hls.ErrorTypes.MEDIA_ERROR) {
    hls.recoverMediaError();
  } else if (data.type === Hls.ErrorTypes.NETWORK_ERROR && networkRecoveries < MAX_NETWORK_RECOVERIES) {
    networkRecoveries += 1;
    hls.startLoad();
  } else {
    hls.destroy();
    showNotice('Playback stopped', `The player could not recover from ${data.details}. Reload the page to try again.`);
    return;
  }
  showNotice('Playback problem', `${data.details}; trying to recover…`);
}

function manifestProblem(code, playUrl) {
  const broker = new URL(playUrl, location.href).origin;
  if (code === 503) return `No edge server is available right now (the broker at ${broker} answered 503). Try again shortly.`;
  if (code === 404) return 'The edge does not have this video (404). It may still be processing or has been deleted.';
  if (!code) return `The broker at ${broker} or its edge did not answer. They may not be running yet.`;
  return `Loading the playlist failed with status ${code}.`;
}

async function autoplay() {
  try {
    await video.play();
  } catch {
    // Autoplay blocked: one click is a user gesture, after which play() is allowed.
    startButton.hidden = false;
    startButton.addEventListener('click', () => {
      startButton.hidden = true;
      video.play().catch((e) => Stats.recordError({ type: 'play', details: e.message, fatal: false }));
    }, { once: true });
  }
}

function onFirstPlaying() {
  stats.startupMs = Math.round(performance.now() - loadStartedAt);
  Beacons.startup(stats.startupMs);
  document.getElementById('notice').hidden = true;
  Stats.draw();
}

function updateBuffer() {
  const t = video.currentTime;
  let ahead = 0;
  for (let i = 0; i < video.buffered.length; i++) {
    if (video.buffered.start(i) <= t + 0.1 && video.buffered.end(i) > t) ahead = video.buffered.end(i) - t;
  }
  stats.bufferedSeconds = Math.round(ahead * 10) / 10;
  Stats.draw();
}

/** The object's URL without the per-request CMCD query, so fragments compare and read easily. */
function withoutCmcd(url) {
  try {
    const parsed = new URL(url);
    parsed.searchParams.delete('CMCD');
    return parsed.toString();
  } catch {
    return url;
  }
}

function sessionId() {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(16).slice(2)}`;
}

/** A failure before playback could start: there is nothing to show in the video element. */
function fail(title, message) {
  const heading = document.getElementById('title');
  if (!stats.engine) heading.textContent = 'Video unavailable'; // keep the video's name once it is known
  video.hidden = true;
  Stats.recordError({ type: 'page', details: message, fatal: true });
  showNotice(title, message);
}

main();
