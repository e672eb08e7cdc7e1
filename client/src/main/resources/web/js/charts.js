// The operator page's charts, on uPlot (served from its npm webjar as /vendor/uPlot.iife.min.js,
// which defines window.uPlot): a time series and bars by category, each with axes, units, a legend
// and a tooltip at the cursor. A chart is built once and then fed new data on every refresh
// (setData keeps the cursor and the tooltip where the operator left them); it is rebuilt only when
// its series change, e.g. another title enters the top five. Each chart's element carries
// data-points (how many values it drew), which the browser test reads.
const COLOURS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
const HEIGHT = 230;

/** A line per series over time; {@code times} in epoch seconds, {@code series} [{label, values}]. */
export function timeSeries(el, { times, series, unit }) {
  const data = [times, ...series.map((s) => s.values)];
  draw(el, series.map((s) => s.label).join('\u0000') + unit, data, () => ({
    // at least the last half hour, so one minute's bucket is not spread across years
    scales: { x: { time: true, range: (u, min, max) => [Math.min(min, max - 1800), max + 60] },
      y: { range: (u, min, max) => [0, Math.max(1, max) * 1.1] } },
    axes: [{}, axis(unit)],
    series: [{ label: 'time' }, ...series.map((s, i) => ({
      label: s.label, stroke: COLOURS[i % COLOURS.length], width: 2, points: { size: 5 },
      value: (u, v) => (v == null ? '–' : `${format(v)} ${unit}`),
    }))],
  }));
}

/**
 * Bars by category ({@code category} names it, e.g. edge): {@code labels} along x, one bar per
 * series in each group (side by side for two series), {@code series} [{label, values}], values in
 * {@code unit}; {@code max} fixes the top of the scale (100 for %).
 */
export function bars(el, { labels, series, unit, max, category }) {
  const data = [labels.map((_, i) => i), ...series.map((s) => s.values)];
  const width = series.length > 1 ? 0.4 : 0.6;
  draw(el, labels.join('\u0000') + series.map((s) => s.label).join('\u0000') + unit, data, () => ({
    scales: {
      x: { time: false, range: () => [-0.5, labels.length - 0.5] },
      y: { range: (u, min, dataMax) => [0, max ?? Math.max(1e-3, dataMax) * 1.1] },
    },
    axes: [{ splits: () => labels.map((_, i) => i), values: (u, splits) => splits.map((i) => labels[i] ?? ''), grid: { show: false } },
      axis(unit)],
    series: [{ label: category, value: (u, i) => labels[i] ?? '' }, ...series.map((s, i) => ({
      label: s.label, stroke: COLOURS[i % COLOURS.length], fill: `${COLOURS[i % COLOURS.length]}cc`, width: 1,
      paths: uPlot.paths.bars({ size: [width, 80], align: series.length > 1 ? (i === 0 ? -1 : 1) : 0 }),
      points: { show: false },
      value: (u, v) => (v == null ? '–' : `${format(v)} ${unit}`),
    }))],
  }));
}

/** An empty chart says so instead of drawing axes around nothing. */
export function empty(el, message) {
  el.chart?.destroy();
  el.chart = null;
  el.key = null;
  el.replaceChildren(Object.assign(document.createElement('p'), { className: 'empty', textContent: message }));
  el.dataset.points = '0';
}

function draw(el, key, data, options) {
  el.dataset.points = String(data.slice(1).flat().filter((v) => v != null).length);
  if (el.chart && el.key === key) {
    el.chart.setData(data);
    return;
  }
  el.chart?.destroy();
  el.replaceChildren();
  el.key = key;
  el.chart = new uPlot({ width: el.clientWidth || 480, height: HEIGHT, legend: { live: true },
    cursor: { points: { size: 7 } }, plugins: [tooltip()], ...options() }, data, el);
}

function axis(unit) {
  return { label: unit, labelSize: 18, size: 56, values: (u, splits) => splits.map((v) => format(v)) };
}

function format(v) {
  if (Math.abs(v) >= 100) return Math.round(v).toLocaleString('en');
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return Number(v.toPrecision(2)).toString();
}

/** A box next to the cursor with the x value and every series' value there. */
function tooltip() {
  let box;
  return {
    hooks: {
      init: (u) => {
        box = Object.assign(document.createElement('div'), { className: 'chart-tooltip', hidden: true });
        u.over.appendChild(box);
      },
      setCursor: (u) => {
        const { left, top, idx } = u.cursor;
        if (idx == null || left < 0) {
          box.hidden = true;
          return;
        }
        const rows = u.series.map((s, i) => {
          const raw = u.data[i][idx];
          const text = s.value ? s.value(u, raw, i, idx) : raw;
          return i === 0 ? `<b>${escape(u.scales.x.time ? new Date(raw * 1000).toLocaleTimeString() : text)}</b>`
            : `<span style="color:${COLOURS[(i - 1) % COLOURS.length]}">■</span> ${escape(s.label)}: ${escape(text)}`;
        });
        box.innerHTML = rows.join('<br>');
        box.hidden = false;
        box.style.left = `${Math.min(left + 12, u.over.clientWidth - box.offsetWidth)}px`;
        box.style.top = `${Math.max(0, top - box.offsetHeight - 8)}px`;
      },
    },
  };
}

function escape(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Keeps every chart as wide as its card when the window changes. */
export function followWidth(elements) {
  new ResizeObserver(() => elements.forEach((el) => el.chart?.setSize({ width: el.clientWidth, height: HEIGHT })))
    .observe(document.body);
}
