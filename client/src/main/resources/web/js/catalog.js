// The catalog page: search by name (?q=) and filter by tag (?tag=); the URL holds the state so a
// filtered list can be bookmarked and the back button works.
import { listVideos } from './api.js';
import { duration, el, plural, showNotice, hideNotice } from './format.js';

const list = document.getElementById('videos');
const summary = document.getElementById('summary');
const input = document.getElementById('q');

function state() {
  const params = new URLSearchParams(location.search);
  return { q: params.get('q') || '', tag: params.get('tag') || '' };
}

function navigate(next) {
  const params = new URLSearchParams();
  if (next.q) params.set('q', next.q);
  if (next.tag) params.set('tag', next.tag);
  const query = params.toString();
  history.pushState(null, '', query ? `?${query}` : location.pathname);
  render();
}

async function render() {
  const { q, tag } = state();
  input.value = q;
  document.getElementById('filters').hidden = !tag;
  document.getElementById('active-tag').textContent = tag;
  summary.textContent = 'Loading videos…';
  hideNotice();
  try {
    const page = await listVideos({ q, tag });
    show(page.videos || [], page.total ?? 0, { q, tag });
  } catch (e) {
    list.replaceChildren();
    summary.textContent = '';
    showNotice(e.title || 'Something went wrong', e.message);
  }
}

function show(videos, total, { q, tag }) {
  list.replaceChildren(...videos.map(card));
  if (videos.length === 0) {
    summary.textContent = q || tag ? 'No videos match this search.' : 'No videos yet. Ingest one and it will appear here.';
    return;
  }
  const shown = videos.length < total ? `${videos.length} of ${total} videos` : plural(total, 'video');
  summary.textContent = q ? `${shown} matching “${q}”` : shown;
}

function card(video) {
  const href = `player.html?id=${encodeURIComponent(video.id)}`;
  const renditions = video.renditions || [];
  const best = Math.max(0, ...renditions.map((r) => r.height || 0));
  return el('li', { class: 'card' },
    el('a', { class: 'card-link', href },
      poster(video),
      el('span', { class: 'card-title', text: video.name || video.id })),
    el('p', { class: 'card-meta',
      text: [duration(video.durationSeconds), plural(renditions.length, 'rendition'), best ? `up to ${best}p` : '']
        .filter(Boolean).join(' · ') }),
    tags(video.tags || []));
}

function poster(video) {
  const frame = el('span', { class: 'poster' },
    el('span', { class: 'poster-duration', text: duration(video.durationSeconds) }));
  if (!video.posterUrl) {
    frame.classList.add('placeholder');
    return frame;
  }
  const img = el('img', { src: video.posterUrl, alt: '', loading: 'lazy', decoding: 'async' });
  img.addEventListener('error', () => {
    img.remove();
    frame.classList.add('placeholder');
  }, { once: true });
  frame.prepend(img);
  return frame;
}

function tags(names) {
  const row = el('div', { class: 'tags' });
  for (const name of names) {
    row.append(el('button', { class: 'tag', type: 'button', text: name, title: `Show videos tagged ${name}`,
      onclick: () => navigate({ q: state().q, tag: name }) }));
  }
  return row;
}

document.getElementById('search').addEventListener('submit', (event) => {
  event.preventDefault();
  navigate({ q: input.value.trim(), tag: state().tag });
});
document.getElementById('clear-tag').addEventListener('click', () => navigate({ q: state().q, tag: '' }));
document.getElementById('retry').addEventListener('click', render);
window.addEventListener('popstate', render);
render();
