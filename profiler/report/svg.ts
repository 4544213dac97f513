// Inline SVG charts for the HTML report, generated here: no CDN, no JavaScript, works offline.
// Each chart has labelled axes with ticks and units (the matrix: labelled rows and columns), a
// legend beside the data, and every mark exactly at its value (data-value, checked in Chromium).
import { num } from '../util/format.ts';
import { linearScale, scaleFor, type Scale } from './axis.ts';

export const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const PALETTE = ['#2b6cb0', '#c05621', '#2f855a', '#6b46c1', '#b83280', '#2c7a7b', '#975a16', '#4a5568'];
export const STATUS_COLOUR: Record<string, string> = { pass: '#38a169', fail: '#e53e3e', incomplete: '#a0aec0' };
/** Rough width of SVG text at 11px, to lay out labels and legends. */
const textWidth = (s: string) => s.length * 6.2;

export interface LegendItem { label: string; colour: string; shape?: 'box' | 'dot' | 'ring' | 'bar' | 'dashed' }

/** A legend column at (x, y): one entry per 16 px. */
function legend(x: number, y: number, items: LegendItem[]): string {
  const mark = (it: LegendItem, cy: number) => {
    switch (it.shape ?? 'box') {
      case 'dot': return `<circle cx="${x + 5}" cy="${cy}" r="5" fill="${it.colour}"/>`;
      case 'ring': return `<circle cx="${x + 5}" cy="${cy}" r="4" fill="#fff" stroke="${it.colour}" stroke-width="2"/>`;
      case 'dashed': return `<rect x="${x}" y="${cy - 5}" width="10" height="10" fill="${it.colour}" stroke="#1a202c" stroke-width="1.5" stroke-dasharray="3 1.5"/>`;
      case 'bar': return `<line x1="${x + 5}" y1="${cy - 7}" x2="${x + 5}" y2="${cy + 7}" stroke="${it.colour}" stroke-width="2"/>`;
      default: return `<rect x="${x}" y="${cy - 5}" width="10" height="10" fill="${it.colour}"/>`;
    }
  };
  return `<g class="legend">${items.map((it, i) =>
    `${mark(it, y + i * 16)}<text x="${x + 16}" y="${y + i * 16 + 4}">${esc(it.label)}</text>`).join('')}</g>`;
}
const legendWidth = (items: LegendItem[]) => 24 + Math.max(0, ...items.map((i) => textWidth(i.label)));

const open = (id: string, title: string, w: number, h: number) =>
  `<svg id="${esc(id)}" class="chart" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg" width="${Math.ceil(w)}" height="${Math.ceil(h)}">`
  + `<text x="4" y="18" class="title">${esc(title)}</text>`;

/** Vertical gridlines at each tick from y0 to y1, tick labels above y0 and below y1. */
function xAxis(s: Scale, y0: number, y1: number, cls: string): string {
  return `<g class="axis ${cls}">${s.ticks.map((t) => {
    const x = s.at(t.value).toFixed(1);
    return `<g class="tick" data-value="${t.value}"><line x1="${x}" y1="${y0}" x2="${x}" y2="${y1}" stroke="#e2e8f0"/>`
      + `<text x="${x}" y="${y0 - 5}" text-anchor="middle">${esc(t.label)}</text><text x="${x}" y="${y1 + 13}" text-anchor="middle">${esc(t.label)}</text></g>`;
  }).join('')}</g>`;
}

export interface Bar { label: string; value: number; series: string }
export interface BarChartSpec {
  id: string; title: string;
  /** What the axis measures, with its unit: "time per operation (ms)". */
  axis: string;
  bars: Bar[];
  /** Legend text per series id (default: the id), e.g. "mps2-an386 (Cortex-M4, 25 MHz)". */
  seriesLabel?: (series: string) => string;
  /** A limit per row label (e.g. the need's time budget), drawn as a dark mark on that row. */
  limits?: Record<string, { value: number; text: string }>;
}

/** Horizontal bars, one row per label and one bar per series; log scale when values span decades. */
export function barChart(c: BarChartSpec): string {
  const labels = [...new Set(c.bars.map((b) => b.label))];
  const series = [...new Set(c.bars.map((b) => b.series))];
  const items: LegendItem[] = series.map((s, j) => ({ label: c.seriesLabel?.(s) ?? s, colour: PALETTE[j % PALETTE.length] }));
  if (c.limits && Object.keys(c.limits).length) items.push({ label: 'budget', colour: '#1a202c', shape: 'bar' });
  const barH = 12, gap = 8, width = 520, top = 58;
  const left = Math.min(300, Math.max(120, ...labels.map(textWidth)) + 12);
  const rowH = series.length * barH + gap;
  const bottom = top + labels.length * rowH;
  const scale = scaleFor([...c.bars.map((b) => b.value), ...Object.values(c.limits ?? {}).map((l) => l.value)], left, left + width);
  const legendX = left + width + 64;
  const axisTitle = `${c.axis}${scale.log ? ', log scale' : ''}`;
  const parts = [open(c.id, c.title, legendX + legendWidth(items), Math.max(bottom + 44, top + items.length * 16 + 8)),
    xAxis(scale, top - 8, bottom, 'x'),
    `<line x1="${left}" y1="${top - 8}" x2="${left}" y2="${bottom}" stroke="#718096"/>`,
    `<text class="axis-title" x="${left + width / 2}" y="${bottom + 32}" text-anchor="middle">${esc(axisTitle)}</text>`];
  labels.forEach((label, i) => {
    const y0 = top + i * rowH;
    parts.push(`<text x="${left - 6}" y="${y0 + (series.length * barH) / 2 + 4}" text-anchor="end">${esc(label)}</text>`);
    series.forEach((s, j) => {
      const b = c.bars.find((x) => x.label === label && x.series === s);
      if (!b) return;
      const w = Math.max(1, scale.at(b.value) - left);
      parts.push(`<rect class="bar" data-value="${b.value}" x="${left}" y="${y0 + j * barH}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${PALETTE[j % PALETTE.length]}"><title>${esc(`${items[j].label}: ${label} = ${num(b.value)} (${c.axis})`)}</title></rect>`,
        `<text x="${left + w + 4}" y="${y0 + j * barH + barH - 3}" class="value">${num(b.value)}</text>`);
    });
    const limit = c.limits?.[label];
    if (limit) {
      const x = scale.at(limit.value).toFixed(1);
      parts.push(`<line class="limit" data-value="${limit.value}" x1="${x}" y1="${y0 - 2}" x2="${x}" y2="${y0 + series.length * barH}" stroke="#1a202c" stroke-width="2"><title>${esc(limit.text)}</title></line>`);
    }
  });
  parts.push(legend(legendX, top, items), '</svg>');
  return parts.join('\n');
}

/** A grid of status cells (pass, fail, incomplete or absent), rows x columns; a borderline
 *  cell keeps its status colour with a dashed outline. */
export function matrix(id: string, title: string, rows: string[], cols: string[],
  cell: (r: string, c: string) => { status?: string; borderline?: boolean; tip: string }): string {
  const cw = Math.max(96, ...cols.map((c) => textWidth(c) + 8)), ch = 22, top = 56;
  const left = Math.max(120, ...rows.map(textWidth)) + 12;
  const items: LegendItem[] = [...Object.entries(STATUS_COLOUR).map(([s, colour]) => ({ label: s.toUpperCase(), colour })),
    { label: 'not judged', colour: '#e2e8f0' }, { label: 'BORDERLINE (inside the model\'s band)', colour: '#fff', shape: 'dashed' as const }];
  const legendX = left + cols.length * cw + 24;
  const parts = [open(id, title, legendX + legendWidth(items), Math.max(top + rows.length * ch + 10, top + items.length * 16))];
  cols.forEach((c, j) => parts.push(`<text x="${left + j * cw + cw / 2}" y="${top - 8}" text-anchor="middle">${esc(c)}</text>`));
  rows.forEach((r, i) => {
    parts.push(`<text x="${left - 6}" y="${top + i * ch + 15}" text-anchor="end">${esc(r)}</text>`);
    cols.forEach((c, j) => {
      const { status, borderline, tip } = cell(r, c);
      const fill = (status && STATUS_COLOUR[status]) ?? '#e2e8f0';
      const outline = borderline ? ' stroke="#1a202c" stroke-width="2" stroke-dasharray="4 2"' : '';
      parts.push(`<rect class="cell ${status ?? 'none'}" x="${left + j * cw + 2}" y="${top + i * ch + 2}" width="${cw - 4}" height="${ch - 4}" fill="${fill}"${outline}><title>${esc(tip)}</title></rect>`,
        `<text x="${left + j * cw + cw / 2}" y="${top + i * ch + 15}" text-anchor="middle" class="cellText">${status ? status.toUpperCase() : '-'}</text>`);
    });
  });
  parts.push(legend(legendX, top, items), '</svg>');
  return parts.join('\n');
}

export interface Point { label: string; x: number; y: number; colour: string; hollow?: boolean; tip: string }
export interface ScatterSpec {
  id: string; title: string;
  xTitle: string; categories: string[];
  /** Axis title with unit, and the top of the axis (default: the largest y). */
  yTitle: string; yUnit: string; yMax?: number;
  points: Point[]; legend: LegendItem[];
}

/** Points over categories (x) against a value (y). Each point sits exactly at its value; points
 *  with the same value in a category stand side by side, and their labels, stacked to the right,
 *  are tied to them by a leader line when they had to move. */
export function scatter(c: ScatterSpec): string {
  const left = 64, cw = 176, h = 300, top = 48, dodge = 10, spacing = 12;
  const w = c.categories.length * cw;
  const y = linearScale(c.yMax ?? Math.max(...c.points.map((p) => p.y), 1), top + h, top, c.yUnit);
  const legendX = left + w + 24;
  const parts = [open(c.id, c.title, legendX + legendWidth(c.legend), top + h + 52),
    `<g class="axis y">${y.ticks.map((t) => `<g class="tick" data-value="${t.value}"><line x1="${left}" y1="${y.at(t.value)}" x2="${left + w}" y2="${y.at(t.value)}" stroke="#e2e8f0"/>`
      + `<text x="${left - 6}" y="${y.at(t.value) + 4}" text-anchor="end">${esc(t.label)}</text></g>`).join('')}</g>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${top + h}" stroke="#718096"/><line x1="${left}" y1="${top + h}" x2="${left + w}" y2="${top + h}" stroke="#718096"/>`,
    `<text class="axis-title" x="14" y="${top + h / 2}" text-anchor="middle" transform="rotate(-90 14 ${top + h / 2})">${esc(c.yTitle)}</text>`,
    `<g class="axis x">${c.categories.map((l, i) => `<g class="tick"><line x1="${left + (i + 0.5) * cw}" y1="${top + h}" x2="${left + (i + 0.5) * cw}" y2="${top + h + 5}" stroke="#718096"/>`
      + `<text x="${left + (i + 0.5) * cw}" y="${top + h + 18}" text-anchor="middle">${esc(l)}</text></g>`).join('')}</g>`,
    `<text class="axis-title" x="${left + w / 2}" y="${top + h + 40}" text-anchor="middle">${esc(c.xTitle)}</text>`];
  c.categories.forEach((_, band) => {
    const centre = left + (band + 0.5) * cw;
    const col = c.points.filter((p) => p.x === band).sort((a, b) => b.y - a.y || a.label.localeCompare(b.label));
    const sameBefore = col.map((p, i) => col.slice(0, i).filter((q) => q.y === p.y).length);
    const px = col.map((_, i) => centre - 6 - sameBefore[i] * dodge);
    const py = col.map((p) => y.at(p.y));
    // Labels top-down at their point's height, at least `spacing` apart, then pulled back above the axis.
    let last = -Infinity;
    const ly = py.map((v) => (last = Math.max(v + 4, last + spacing)));
    let limit = top + h + 4;
    for (let i = ly.length - 1; i >= 0; i--) { ly[i] = Math.min(ly[i], limit); limit = ly[i] - spacing; }
    col.forEach((p, i) => {
      const lx = centre + 12;
      if (Math.abs(ly[i] - 4 - py[i]) > 1 || sameBefore[i] > 0) {
        parts.push(`<line class="leader" x1="${px[i].toFixed(1)}" y1="${py[i].toFixed(1)}" x2="${lx - 2}" y2="${(ly[i] - 4).toFixed(1)}" stroke="#a0aec0" stroke-width="0.75"/>`);
      }
      parts.push(`<circle class="point" data-value="${p.y}" cx="${px[i].toFixed(1)}" cy="${py[i].toFixed(1)}" r="4" `
        + (p.hollow ? `fill="#fff" stroke="${p.colour}" stroke-width="2"` : `fill="${p.colour}"`) + `><title>${esc(p.tip)}</title></circle>`,
        `<text x="${lx}" y="${ly[i].toFixed(1)}" class="value">${esc(p.label)}</text>`);
    });
  });
  parts.push(legend(legendX, top + 8, c.legend), '</svg>');
  return parts.join('\n');
}
