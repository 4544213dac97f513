// Inline SVG charts for the HTML report, generated here: no CDN, no JavaScript, works offline.

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const PALETTE = ['#2b6cb0', '#c05621', '#2f855a', '#6b46c1', '#b83280', '#2c7a7b', '#975a16', '#4a5568'];
const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toPrecision(2));

export interface Bar { label: string; value: number; series: string }

/** Horizontal bars, one row per label and one bar per series; log scale when values span decades. */
export function barChart(id: string, title: string, unit: string, bars: Bar[]): string {
  const labels = [...new Set(bars.map((b) => b.label))];
  const series = [...new Set(bars.map((b) => b.series))];
  const max = Math.max(...bars.map((b) => b.value), 1e-9);
  const min = Math.min(...bars.filter((b) => b.value > 0).map((b) => b.value), max);
  const log = max / Math.max(min, 1e-12) > 100;
  const barH = 12, gap = 6, left = 220, width = 520;
  const rowH = series.length * barH + gap;
  const height = 40 + labels.length * rowH + 20 + series.length * 16;
  const scale = (v: number) => (log ? (Math.log10(Math.max(v, min)) - Math.log10(min) + 0.3) / (Math.log10(max) - Math.log10(min) + 0.3) : v / max) * width;
  const parts: string[] = [`<svg id="${esc(id)}" class="chart" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg" width="${left + width + 90}" height="${height}">`,
    `<text x="4" y="18" class="title">${esc(title)} (${esc(unit)}${log ? ', log scale' : ''})</text>`];
  labels.forEach((label, i) => {
    const y0 = 34 + i * rowH;
    parts.push(`<text x="${left - 6}" y="${y0 + (series.length * barH) / 2 + 4}" text-anchor="end">${esc(label)}</text>`);
    series.forEach((s, j) => {
      const b = bars.find((x) => x.label === label && x.series === s);
      if (!b) return;
      const w = Math.max(1, scale(b.value));
      parts.push(`<rect x="${left}" y="${y0 + j * barH}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${PALETTE[j % PALETTE.length]}"><title>${esc(`${s}: ${label} = ${fmt(b.value)} ${unit}`)}</title></rect>`,
        `<text x="${left + w + 4}" y="${y0 + j * barH + barH - 3}" class="value">${fmt(b.value)}</text>`);
    });
  });
  series.forEach((s, j) => {
    const y = 34 + labels.length * rowH + 10 + j * 16;
    parts.push(`<rect x="${left}" y="${y - 9}" width="10" height="10" fill="${PALETTE[j % PALETTE.length]}"/><text x="${left + 14}" y="${y}">${esc(s)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** A grid of pass/fail cells: rows x columns, each cell "pass", "fail" or absent. */
export function matrix(id: string, title: string, rows: string[], cols: string[], cell: (r: string, c: string) => { status?: string; tip: string }): string {
  const left = 200, cw = 96, ch = 24, top = 70;
  const parts = [`<svg id="${esc(id)}" class="chart" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg" width="${left + cols.length * cw + 10}" height="${top + rows.length * ch + 10}">`,
    `<text x="4" y="18" class="title">${esc(title)}</text>`];
  cols.forEach((c, j) => parts.push(`<text x="${left + j * cw + cw / 2}" y="${top - 8}" text-anchor="middle">${esc(c)}</text>`));
  rows.forEach((r, i) => {
    parts.push(`<text x="${left - 6}" y="${top + i * ch + 16}" text-anchor="end">${esc(r)}</text>`);
    cols.forEach((c, j) => {
      const { status, tip } = cell(r, c);
      const fill = status === 'pass' ? '#38a169' : status === 'fail' ? '#e53e3e' : '#e2e8f0';
      parts.push(`<rect class="cell ${status ?? 'none'}" x="${left + j * cw + 2}" y="${top + i * ch + 2}" width="${cw - 4}" height="${ch - 4}" fill="${fill}"><title>${esc(tip)}</title></rect>`,
        `<text x="${left + j * cw + cw / 2}" y="${top + i * ch + 16}" text-anchor="middle" class="cellText">${status ? status.toUpperCase() : '-'}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export interface Point { label: string; x: number; y: number; status: string }

/** Scatter of price band (x, category index) against capability (y). */
export function scatter(id: string, title: string, xLabels: string[], yLabel: string, points: Point[]): string {
  const left = 60, w = 660, h = 300, top = 56, step = 13;
  const maxY = Math.max(...points.map((p) => p.y), 1);
  const px = (x: number) => left + 16 + (x / xLabels.length) * w;
  const py = (y: number) => top + h - (y / maxY) * h;
  const parts = [`<svg id="${esc(id)}" class="chart" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg" width="${left + w + 40}" height="${top + h + 40}">`,
    `<text x="4" y="18" class="title">${esc(title)}</text>`,
    `<line x1="${left}" y1="${top + h}" x2="${left + w}" y2="${top + h}" stroke="#718096"/><line x1="${left}" y1="${top - 10}" x2="${left}" y2="${top + h}" stroke="#718096"/>`,
    `<text x="${left - 8}" y="${top - 18}">${esc(yLabel)}</text>`,
    `<text x="${left - 8}" y="${top + 4}" text-anchor="end">${fmt(maxY)}</text><text x="${left - 8}" y="${top + h + 4}" text-anchor="end">0</text>`];
  xLabels.forEach((l, i) => parts.push(`<text x="${px(i) + 40}" y="${top + h + 22}" text-anchor="middle">$${esc(l)}</text>`));
  // Within a price band, points go top-down by value and are nudged apart so labels never overlap.
  for (let band = 0; band < xLabels.length; band++) {
    const col = points.filter((p) => p.x === band).sort((a, b) => b.y - a.y || a.label.localeCompare(b.label));
    let last = -Infinity;
    const ys = col.map((p) => (last = Math.max(py(p.y), last + step)));
    let limit = top + h;   // then pull the lowest back above the axis, keeping the spacing
    for (let i = ys.length - 1; i >= 0; i--) { ys[i] = Math.min(ys[i], limit); limit = ys[i] - step; }
    col.forEach((p, i) => {
      const x = px(band), y = ys[i];
      const fill = p.status === 'pass' ? '#38a169' : p.status === 'fail' ? '#e53e3e' : '#a0aec0';
      parts.push(`<circle class="point ${esc(p.status)}" cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="5" fill="${fill}"><title>${esc(`${p.label}: ${fmt(p.y)} (${p.status})`)}</title></circle>`,
        `<text x="${(x + 8).toFixed(1)}" y="${(y + 4).toFixed(1)}" class="value">${esc(p.label)}</text>`);
    });
  }
  parts.push('</svg>');
  return parts.join('\n');
}
