// The start of a live playback, event by event, in window.liveTrace: what hls.js loaded and
// buffered (level, segment, part, when its request started, got its first byte and ended), which
// rendition it switched to, what it flushed, and what the video element did (waiting, playing,
// seeking), each at an epoch-millisecond time with the playing position, the buffer ahead of it
// and hls.js's latency figures. It is how docs/live.md's start-up stall was traced; LivePlaybackIT
// prints how the player started and the trace around any stall. Bounded: the first MAX_EVENTS
// events only (about four a part, so some 30 s), so a long session costs nothing.

const MAX_EVENTS = 400;

/** Records the events of {@code hls} playing into {@code video}. */
export function startTrace(Hls, hls, video) {
  const trace = [];
  window.liveTrace = trace;
  const record = (event, fields) => {
    if (trace.length >= MAX_EVENTS) return;
    trace.push({ t: epochMillis(performance.now()), event, ...fields, ...position(hls, video) });
  };
  const E = Hls.Events;
  hls.on(E.LEVEL_SWITCHING, (_, d) => record('levelSwitching', { level: d.level }));
  hls.on(E.LEVEL_SWITCHED, (_, d) => record('levelSwitched', { level: d.level }));
  hls.on(E.LEVEL_LOADED, (_, d) => record('levelLoaded', levelFields(d)));
  hls.on(E.FRAG_LOADING, (_, d) => record('fragLoading', fragFields(d)));
  hls.on(E.FRAG_LOADED, (_, d) =>
    record('fragLoaded', { ...fragFields(d), ...timing(d.part || d.frag), ...network(d.networkDetails) }));
  hls.on(E.FRAG_BUFFERED, (_, d) => record('fragBuffered', fragFields(d)));
  hls.on(E.BUFFER_FLUSHING, (_, d) => record('bufferFlushing', { from: d.startOffset, to: d.endOffset, type: d.type }));
  hls.on(E.ERROR, (_, d) => record('error', { details: d.details, fatal: !!d.fatal }));
  for (const name of ['loadedmetadata', 'waiting', 'playing', 'seeking', 'seeked', 'stalled']) {
    video.addEventListener(name, () => record(name, {}));
  }
}

function levelFields(d) {
  const details = d.details;
  return {
    level: d.level,
    edge: round(details.edge),
    age: round(details.age),
    msn: details.lastPartSn,
    part: details.lastPartIndex,
    // asked with _HLS_msn (a timed reload carries directives too, without one)
    blocking: d.deliveryDirectives?.msn !== undefined,
  };
}

function fragFields(d) {
  const frag = d.frag;
  return {
    name: (d.part || frag).relurl,
    level: frag.level,
    sn: frag.sn,
    part: d.part ? d.part.index : null,
    start: round(d.part ? d.part.start : frag.start),
    duration: round(d.part ? d.part.duration : frag.duration),
  };
}

/** Request start, first byte and end of a load. */
function timing(loaded) {
  const loading = loaded?.stats?.loading;
  if (!loading) return {};
  return { requested: epochMillis(loading.start), firstByte: epochMillis(loading.first), done: epochMillis(loading.end) };
}

/**
 * When the browser sent the request and whether it opened a connection for it (Resource Timing; the
 * edge sends Timing-Allow-Origin), which tells a request queued in the browser from a slow answer.
 */
function network(xhr) {
  const url = xhr?.responseURL;
  const entries = url ? performance.getEntriesByName(url) : [];
  const t = entries[entries.length - 1];
  if (!t) return {};
  return { sent: epochMillis(t.requestStart), connectMs: Math.round(t.connectEnd - t.connectStart), protocol: t.nextHopProtocol };
}

/** Epoch milliseconds, the clock the origin stamps a part's availability with (X-Live-Available-At). */
function epochMillis(performanceNow) {
  return Math.round(performance.timeOrigin + performanceNow);
}

function position(hls, video) {
  return {
    currentTime: round(video.currentTime),
    ahead: round(bufferAhead(video)),
    latency: round(hls.latency),
    targetLatency: round(hls.targetLatency),
    rate: video.playbackRate,
    buffered: ranges(video.buffered),
  };
}

/** The buffered time ranges, "start-end" each: more than one is a hole playback must jump. */
function ranges(buffered) {
  const out = [];
  for (let i = 0; i < buffered.length; i++) out.push(`${buffered.start(i).toFixed(3)}-${buffered.end(i).toFixed(3)}`);
  return out.join(' ');
}

function bufferAhead(video) {
  const t = video.currentTime;
  for (let i = 0; i < video.buffered.length; i++) {
    if (video.buffered.start(i) <= t + 0.1 && video.buffered.end(i) > t) return video.buffered.end(i) - t;
  }
  return 0;
}

function round(x) {
  return Number.isFinite(x) ? Math.round(x * 1000) / 1000 : null;
}
