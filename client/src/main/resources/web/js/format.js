// Small, pure formatting helpers shared by both pages.

/** 75.4 → "1:15"; 3725 → "1:02:05"; missing or bad → "–". */
export function duration(seconds) {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

export function kbps(bitsPerSecond) {
  if (!Number.isFinite(bitsPerSecond) || bitsPerSecond <= 0) return '–';
  return bitsPerSecond >= 1e6 ? `${(bitsPerSecond / 1e6).toFixed(1)} Mbit/s` : `${Math.round(bitsPerSecond / 1000)} kbit/s`;
}

/** The last two path segments of a URL, enough to tell fragments apart: "720p/seg_00003.m4s". */
export function urlTail(url) {
  try {
    const parts = new URL(url, location.href).pathname.split('/').filter(Boolean);
    return parts.slice(-2).join('/');
  } catch {
    return String(url);
  }
}

export function plural(n, word) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Creates an element with text content only, so no data from an API is ever parsed as HTML. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

export function showNotice(title, text) {
  const notice = document.getElementById('notice');
  document.getElementById('notice-title').textContent = title;
  document.getElementById('notice-text').textContent = text;
  notice.hidden = false;
}

export function hideNotice() {
  document.getElementById('notice').hidden = true;
}
