// Failover between edges, inside the player. The broker's /api/route/{id} answers with the chosen
// edge and its alternates as JSON (a browser cannot read the headers of a redirect it followed).
// Every playlist and fragment request goes through FailoverLoader, which sends it to the current
// edge; when the request fails or times out, it marks that edge failed, switches to the next one
// and retries there at once, before hls.js sees any error. Paths are the same on every edge
// (/videos/{id}/...), so only the origin changes. The route is asked again every REFRESH_MS with
// the same session id: that keeps the session counted and sticky at the broker, and moves the
// player if the broker has taken its edge out (DOWN, DRAINING or overloaded).
//
// Signed URLs (docs/security.md, "Signed viewer URLs"): each answer's URLs carry a fresh token in
// the title's path segment (/videos/{id};URISigningPackage={jwt}/...). Every request is moved under
// the current edge's master URL, so it always carries the newest token: a session outlives any one
// token's lifetime (long films, pauses). An edge that answers 403 (a token expired while the page
// slept, or its key was retired) gets the same request once more after a fresh route, not a failover.
import * as Stats from './stats.js';

const REFRESH_MS = 10_000;
const DURESS_REFRESH_MS = 2_000;
const { stats } = Stats;

// origins: every edge origin ever named, so requests still aimed at an edge the broker has since
// dropped from its answer (it went DOWN) are recognised and moved too.
const state = { edges: [], current: 0, failed: new Set(), origins: new Set(), routeUrl: null,
  lastDuressRefresh: -Infinity };

/** Asks the broker where to play; null when the broker has no route API or no edge (the caller falls back). */
export async function route(playUrl, videoId, sessionId) {
  const broker = new URL(playUrl, location.href).origin;
  state.routeUrl = `${broker}/api/route/${encodeURIComponent(videoId)}?sid=${encodeURIComponent(sessionId)}`;
  const answer = await fetchRoute();
  if (!answer) return null;
  adopt(answer);
  setInterval(refresh, REFRESH_MS);
  return answer.edge.masterUrl;
}

/** An hls.js loader class wrapping {@code Base} (hls.js's default XHR loader) with edge failover. */
export function loaderClass(Base) {
  return class FailoverLoader {
    constructor(config) {
      this.config = config;
      this.inner = new Base(config);
    }

    get stats() { return this.inner.stats; }

    get context() { return this.inner.context; }

    load(context, config, callbacks) {
      this.attempt(context, config, callbacks, 0);
    }

    attempt(context, config, callbacks, tries, renewed = false) {
      context.url = onCurrentEdge(context.url);
      if (tries > 0 || renewed) this.inner = new Base(this.config); // an hls.js loader may be used once only
      // hls.js's loader retries the same URL on its own; while another edge is left, fail fast instead.
      const lastEdge = tries + 1 >= state.edges.length;
      const policy = lastEdge ? config.loadPolicy : { ...config.loadPolicy, errorRetry: null, timeoutRetry: null };
      const retry = (failedUrl, giveUp) => {
        if (tries + 1 < state.edges.length && switchFrom(failedUrl)) this.attempt(context, config, callbacks, tries + 1);
        else giveUp();
      };
      this.inner.load(context, { ...config, loadPolicy: policy }, {
        ...callbacks,
        onSuccess: (response, s, ctx, details) => {
          noteDuress(details);
          callbacks.onSuccess(response, s, ctx, details);
        },
        onError: (error, ctx, details, s) => {
          if (error.code === 403 && !renewed) {
            refresh().then(() => this.attempt(context, config, callbacks, tries, true));
            return;
          }
          retry(ctx.url, () => callbacks.onError(error, ctx, details, s));
        },
        onTimeout: (s, ctx, details) => retry(ctx.url, () => callbacks.onTimeout(s, ctx, details)),
      });
    }

    abort() { this.inner.abort(); }

    destroy() { this.inner.destroy(); }

    getCacheAge() { return this.inner.getCacheAge ? this.inner.getCacheAge() : null; }

    getResponseHeader(name) { return this.inner.getResponseHeader ? this.inner.getResponseHeader(name) : null; }
  };
}

function adopt(answer) {
  const edges = [answer.edge, ...(answer.alternates || [])];
  edges.forEach((e) => state.origins.add(new URL(e.url).origin));
  const currentName = state.edges[state.current]?.name;
  state.edges = edges;
  const keep = edges.findIndex((e) => e.name === currentName && !state.failed.has(e.name));
  // The broker's first choice unless we are on an edge it still lists and that still works.
  state.current = keep >= 0 && currentName === answer.edge.name ? keep : 0;
  if (state.failed.has(edges[state.current].name)) state.current = Math.max(0, edges.findIndex((e) => !state.failed.has(e.name)));
  stats.routedEdge = edges[state.current].name;
  stats.alternates = edges.slice(1).map((e) => e.name);
  stats.routeReason = answer.reason;
  Stats.draw();
}

/**
 * CMSD-Dynamic {@code du} (CTA-5006): the edge says it is overloaded or leaving. Ask the broker at
 * once (at most every DURESS_REFRESH_MS) instead of at the next periodic refresh; it moves this
 * session if it agrees.
 */
function noteDuress(xhr) {
  const cmsd = xhr && typeof xhr.getResponseHeader === 'function' ? xhr.getResponseHeader('CMSD-Dynamic') : null;
  if (!cmsd || !/;\s*du(?![\w=-])|;\s*du=\?1/.test(cmsd)) return;
  const now = performance.now();
  if (now - state.lastDuressRefresh < DURESS_REFRESH_MS) return;
  state.lastDuressRefresh = now;
  stats.duressSeen = (stats.duressSeen || 0) + 1;
  refresh();
}

async function refresh() {
  const answer = await fetchRoute();
  if (answer) adopt(answer);
}

async function fetchRoute() {
  try {
    const response = await fetch(state.routeUrl, { headers: { Accept: 'application/json' } });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/** {@code url} on the current edge, under its master URL's title path (which carries the newest token). */
function onCurrentEdge(url) {
  const edge = state.edges[state.current];
  if (!edge) return url;
  const parsed = new URL(url);
  if (!state.origins.has(parsed.origin)) return url;
  const target = new URL(edge.masterUrl || edge.url);
  parsed.protocol = target.protocol;
  parsed.host = target.host;
  const object = parsed.pathname.match(/^\/videos\/[^/]+\/(.*)$/);
  if (object && edge.masterUrl) parsed.pathname = target.pathname.replace(/[^/]*$/, '') + object[1];
  return parsed.toString();
}

/** Moves off the edge that served {@code failedUrl}, once; false when no other edge is left. */
function switchFrom(failedUrl) {
  const failedOrigin = new URL(failedUrl).origin;
  const current = state.edges[state.current];
  if (new URL(current.url).origin !== failedOrigin) return true; // another request already moved on
  state.failed.add(current.name);
  const next = state.edges.findIndex((e, i) => i !== state.current && !state.failed.has(e.name));
  if (next < 0) return false;
  state.current = next;
  stats.failovers.push({ from: current.name, to: state.edges[next].name, at: Math.round(performance.now()) });
  stats.edge = state.edges[next].name;
  Stats.draw();
  return true;
}
