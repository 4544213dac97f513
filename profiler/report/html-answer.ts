// The HTML report's first screen: the product, the parts to buy side by side (algorithm and time
// per need at the part's own clock, energy, RAM and flash headroom, price), and in one line why
// each other part is rejected. Laid out to fit a 1280x800 viewport for the usual profile.
import type { ProductSummary } from './product.ts';
import { answer, type Answer, type Column, type NeedCell } from './answer.ts';
import type { ReportModel } from './model.ts';
import { esc } from './svg.ts';

const badge = (status: string, text = status.toUpperCase()) => `<span class="badge ${esc(status)}">${esc(text)}</span>`;

function productHeader(p: ProductSummary, generated: string): string {
  const fact = (k: string, v: string, title?: string) => `<div${title ? ` title="${esc(title)}"` : ''}><dt>${esc(k)}</dt><dd>${esc(v)}</dd></div>`;
  return `<header id="product"><p class="kicker">capmark · can this microcontroller run the product's security for its whole service life? · generated ${esc(generated.slice(0, 10))}</p>
<h1>${esc(p.name)}</h1>
<dl class="facts">${fact('ships', String(p.first_ship_year))}${fact('supported', `${p.window[0]}–${p.window[1]} (${p.support_years} years)`)}`
    + `${fact('policy', p.frameworks.join(', '), p.rationale)}${p.radios.length ? fact('radio', p.radios.join(', ')) : ''}${fact('crypto budgets', p.budgets.join(' · '))}</dl></header>`;
}

function needTd(c?: NeedCell): string {
  if (!c) return '<td>-</td>';
  const border = c.borderline ? ` ${badge('borderline', 'BORDERLINE')}` : '';
  return `<td class="need ${c.status}"${c.borderline ? ` title="${esc(c.borderline)}"` : ''}>${c.algorithm ? `<div class="alg">${esc(c.algorithm)}</div>` : ''}`
    + `<div class="fig">${c.status === 'pass' ? '' : `${badge(c.status)} `}${esc(c.figure)}${border}</div></td>`;
}

function partTh(c: Column): string {
  return `<th class="part" data-part="${esc(c.id)}"${c.rank ? ` data-rank="${c.rank}"` : ''}>${c.rank ? `<span class="rank">${c.rank}</span>` : ''}`
    + `${esc(c.name)} ${badge(c.status)}<div class="sub">${esc(c.facts)}</div></th>`;
}

function compare(a: Answer): string {
  const row = (label: string, cells: string[], cls = '', title = '') => `<tr class="${cls}"><th${title ? ` title="${esc(title)}"` : ''}>${label}</th>${cells.join('')}</tr>`;
  const radio = a.columns.some((c) => c.radio)
    ? [row('radio on chip', a.columns.map((c) => `<td class="${c.radio?.ok === false ? 'fail' : ''}">${esc(c.radio?.text ?? '-')}${c.radio?.ok === false ? ' (lacks the product\'s)' : ''}</td>`))] : [];
  return `<table class="compare"><thead><tr><th class="corner">per need: algorithm, time per use at the part's clock</th>${a.columns.map(partTh).join('')}</tr></thead><tbody>
${[...radio,
    ...a.rows.map((r) => row(`${esc(r.id)}${r.limit ? `<span class="limit">${esc(r.limit)}</span>` : ''}`, a.columns.map((c) => needTd(c.needs[r.id])), '', r.description)),
    ...(a.columns.some((c) => c.energy !== '-') ? [row('crypto energy', a.columns.map((c) => `<td>${esc(c.energy)}</td>`), 'sum')] : []),
    row('crypto RAM', a.columns.map((c) => `<td>${esc(c.ram)}</td>`), 'sum'),
    row('crypto flash', a.columns.map((c) => `<td>${esc(c.flash)}</td>`), 'sum')].join('\n')}
</tbody></table>`;
}

/** The first screen; empty when the report has no product profile. */
export function answerHtml(m: ReportModel): string {
  const a = answer(m);
  if (!a || !m.product) return '';
  const rejected = a.rejected.length ? `<div class="rejected"><h2>Rejected parts and why</h2><ul>${a.rejected.map((g) =>
    `<li>${badge(g.status)} <b>${esc(g.reason)}</b>: ${esc(g.parts.join('; '))}</li>`).join('')}</ul></div>` : '';
  return `${productHeader(m.product, m.generated_at)}
<section id="answer"><p class="headline">${esc(a.headline)}</p>
${compare(a)}
${a.others.length ? `<p class="others"><b>Also meet every need:</b> ${esc(a.others.join('; '))}.</p>` : ''}
${rejected}
<p class="note">${esc(a.basis)}</p></section>`;
}
