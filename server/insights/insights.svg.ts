// Bar charts as SVG markup composed on the server: no script in the page (CSP script-src 'self'),
// and the same geometry can be drawn again for print. Every text is escaped.
export interface Bar {
  label: string;
  value: number;
  /** The value as the page's language writes it. */
  shown: string;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A vertical bar chart; `title` names it for assistive technology (the table beside it carries the data). */
export function barChartSvg(bars: readonly Bar[], title: string): string {
  const width = 640;
  const height = 240;
  const top = 20;
  const bottom = 40;
  const left = 10;
  const plot = height - top - bottom;
  const max = Math.max(1, ...bars.map((b) => b.value));
  const step = (width - 2 * left) / Math.max(1, bars.length);
  const barWidth = Math.max(4, step * 0.7);
  const parts = bars.map((b, i) => {
    const h = Math.round((b.value / max) * plot);
    const x = Math.round(left + i * step + (step - barWidth) / 2);
    const y = top + plot - h;
    const cx = Math.round(left + i * step + step / 2);
    return (
      `<rect class="bar" x="${x}" y="${y}" width="${Math.round(barWidth)}" height="${h}"></rect>` +
      `<text x="${cx}" y="${y - 4}" text-anchor="middle">${esc(b.shown)}</text>` +
      `<text x="${cx}" y="${height - bottom + 16}" text-anchor="middle">${esc(b.label)}</text>`
    );
  });
  return (
    `<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-label="${esc(title)}">` +
    `<title>${esc(title)}</title>` +
    `<line x1="${left}" y1="${top + plot}" x2="${width - left}" y2="${top + plot}" stroke="currentColor"></line>` +
    parts.join('') +
    `</svg>`
  );
}
