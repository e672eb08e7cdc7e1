// What playing a live channel adds to the player (docs/live.md): hls.js's low-latency mode, and
// CTA-5004's stream type on every request, which hls.js 1.4 does not send: `st=l` is how the edge's
// access log, and from it the analytics service, tell a live session from a VOD one.

/** hls.js options for a live channel. */
export const LIVE_CONFIG = Object.freeze({
  // blocking playlist reloads, parts, and a start at the server's PART-HOLD-BACK from the live edge
  lowLatencyMode: true,
  // hls.js has appended its CMCD query by now (its CMCD controller wraps the loader); opening the
  // request here is what hls.js's xhrSetup allows, and it then sends it as opened
  xhrSetup: (xhr, url) => xhr.open('GET', withLiveStreamType(url), true),
});

/** {@code url} with `st=l` added to its CMCD query parameter; unchanged without one or with an `st`. */
export function withLiveStreamType(url) {
  const match = url.match(/([?&])CMCD=([^&#]*)/);
  if (!match) return url;
  const pairs = decodeURIComponent(match[2]).split(',').filter(Boolean);
  if (pairs.some((p) => p === 'st' || p.startsWith('st='))) return url;
  pairs.push('st=l');
  // CTA-5004 section 3.2: keys in alphabetical order, as hls.js writes them
  pairs.sort((a, b) => a.split('=')[0].localeCompare(b.split('=')[0]));
  return url.replace(match[0], `${match[1]}CMCD=${encodeURIComponent(pairs.join(','))}`);
}
