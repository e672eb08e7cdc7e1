// Talks to the other services straight from the browser; /config.json says where they are.
// Every failure becomes an ApiError with a sentence a viewer can act on.

export class ApiError extends Error {
  constructor(title, message, status) {
    super(message);
    this.title = title;
    this.status = status;
  }
}

let configPromise;

export function loadConfig() {
  configPromise ??= fetchJson('/config.json', 'the client configuration');
  return configPromise;
}

export async function listVideos({ q, tag, limit = 60 } = {}) {
  const { metadataUrl } = await loadConfig();
  const params = new URLSearchParams({ limit: String(limit) });
  if (q) params.set('q', q);
  if (tag) params.set('tag', tag);
  return fetchJson(`${metadataUrl}/api/videos?${params}`, 'the video catalog', `The metadata service at ${metadataUrl}`);
}

export async function getVideo(id) {
  const { metadataUrl } = await loadConfig();
  return fetchJson(`${metadataUrl}/api/videos/${encodeURIComponent(id)}`, 'this video', `The metadata service at ${metadataUrl}`);
}

async function fetchJson(url, what, service) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch (e) {
    throw new ApiError(`Can't reach ${what}`,
      `${service || 'The client server'} did not answer. It may not be running yet; start it and try again.`);
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) throw failure(response.status, body, what);
  if (body === null) throw new ApiError(`Can't read ${what}`, 'The service answered something that is not JSON.');
  return body;
}

function failure(status, body, what) {
  if (status === 404) return new ApiError('Not found', `We couldn't find ${what}. It may have been deleted.`, status);
  const detail = body && body.message ? ` (${body.message})` : '';
  return new ApiError(`Can't load ${what}`, `The service answered with status ${status}${detail}.`, status);
}
