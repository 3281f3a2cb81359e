// Charts of the insights page (issue 17), drawn on the server as SVG by Vega-Lite/Vega: a Vega-Lite
// spec is compiled to Vega and rendered headless (renderer 'none', no canvas, no browser) to SVG
// markup that the page embeds. No script reaches the page (CSP script-src 'self'); every figure has
// its numbers in a table and a one-line summary beside it, so the chart itself is decoration for
// assistive technology: its own ARIA texts (English, generated) are switched off and the root gets
// the chart's translated title.
import type { parse as vegaParse, Spec, View as VegaView } from 'vega';
import type { compile as vegaLiteCompile, TopLevelSpec } from 'vega-lite';
import type { Lang } from '../i18n/i18n.js';

/** How numbers and months are written inside a chart: Dutch "1.000", English "1,000" (issue 14). */
const LOCALES: Record<Lang, ChartConfig['locale']> = {
  nl: { number: { decimal: ',', thousands: '.', grouping: [3], currency: ['€ ', ''] } },
  en: { number: { decimal: '.', thousands: ',', grouping: [3], currency: ['€', ''] } },
};

type ChartConfig = NonNullable<TopLevelSpec['config']>;

/** An attribute whose name starts with "on" (an event handler), in any tag. */
export const EVENT_ATTRIBUTE = /<[a-zA-Z][^\s>]*(\s+[a-zA-Z:-]+="[^"]*")*\s+on[a-zA-Z]+\s*=/;

const WIDTH = 560;
const HEIGHT = 220;

/** Escapes text for an XML attribute or element. */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Characters that have no place in chart labels: controls (except none) and bidi overrides. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const UNSAFE_TEXT = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/** A label as it may go into the chart data: plain text, controls removed, length bounded. */
function cleanLabel(s: string): string {
  const t = s.replace(UNSAFE_TEXT, '').trim();
  return t.length > 80 ? `${t.slice(0, 79)}…` : t;
}

function baseConfig(lang: Lang): ChartConfig {
  return {
    // The table beside the chart carries the data; the generated ARIA texts would be English.
    aria: false,
    locale: LOCALES[lang],
    background: 'transparent',
    font: 'sans-serif',
    view: { stroke: null },
    axis: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', grid: true, gridColor: '#ddd' },
    legend: { labelFontSize: 11, titleFontSize: 11, titleFontWeight: 'normal', labelLimit: 260 },
  };
}

interface ChartLibrary {
  compile: typeof vegaLiteCompile;
  parse: typeof vegaParse;
  View: typeof VegaView;
}
let library: Promise<ChartLibrary> | undefined;

/**
 * Vega and Vega-Lite, loaded on first use: they are ES modules with a top-level await (Vega probes
 * for an optional canvas package it does not need here), which a CommonJS-loaded caller (the test
 * runner's hooks, the CLI) could not `require`; a dynamic import works from both.
 */
function chartLibrary(): Promise<ChartLibrary> {
  library ??= Promise.all([import('vega'), import('vega-lite')]).then(([vega, vegaLite]) => ({
    compile: vegaLite.compile,
    parse: vega.parse,
    View: vega.View,
  }));
  return library;
}

/**
 * Renders a Vega-Lite spec to SVG markup, with the chart's title as the accessible name. Vega
 * escapes the texts it writes; the result is checked for anything active before it is returned.
 */
export async function renderChart(spec: TopLevelSpec, title: string): Promise<string> {
  const { compile, parse, View } = await chartLibrary();
  const vegaSpec: Spec = compile(spec).spec;
  const view = new View(parse(vegaSpec), { renderer: 'none' });
  let svg: string;
  try {
    svg = await view.toSVG();
  } finally {
    view.finalize();
  }
  if (/<script|<foreignObject|javascript:/i.test(svg) || EVENT_ATTRIBUTE.test(svg))
    throw new Error('chart markup contains active content');
  const label = escapeXml(title);
  return (
    svg
      // Vega's generated roles and descriptions are English; the root names the chart instead.
      .replace(/ aria-roledescription="[^"]*"/g, '')
      .replace(/ aria-label="[^"]*"/g, '')
      .replace(/ role="[^"]*"/g, '')
      .replace(/^<svg ([^>]*?) ?class="marks"/, '<svg $1')
      .replace(/^<svg /, `<svg class="chart" role="img" aria-label="${label}" `)
      .replace(/^(<svg[^>]*>)/, `$1<title>${label}</title>`)
  );
}

/** One bar of a simple bar chart. */
export interface ChartBar {
  label: string;
  value: number;
}

/** Axis texts of a chart, already translated. */
export interface ChartAxes {
  x: string;
  y: string;
  /** The legend title of a stacked chart. */
  series?: string;
}

/**
 * A bar chart with the categories in the order given: vertical bars, or with `horizontal` one row
 * per category (for long labels such as causes).
 */
export function barChartSpec(
  bars: readonly ChartBar[],
  axes: ChartAxes,
  lang: Lang,
  opts: { horizontal?: boolean } = {},
): TopLevelSpec {
  const values = bars.map((b, i) => ({ label: cleanLabel(b.label), value: b.value, order: i }));
  const category = {
    field: 'label',
    type: 'ordinal' as const,
    sort: values.map((v) => v.label),
    title: axes.x,
    axis: { labelAngle: 0, labelLimit: 280 },
  };
  const amount = {
    field: 'value',
    type: 'quantitative' as const,
    title: axes.y,
    axis: { format: ',d', tickMinStep: 1 },
  };
  return {
    width: opts.horizontal ? WIDTH - 180 : WIDTH,
    height: opts.horizontal ? Math.max(60, 28 * values.length) : HEIGHT,
    config: baseConfig(lang),
    data: { values },
    mark: { type: 'bar', color: '#1f5f8b' },
    encoding: opts.horizontal ? { y: category, x: amount } : { x: category, y: amount },
  };
}

/** One segment of a stacked bar: `value` items of `series` in category `x`. */
export interface StackedSegment {
  x: string;
  series: string;
  value: number;
}

/**
 * Bars per category stacked by series; `xOrder` and `seriesOrder` fix the order of the categories
 * and of the stack (and legend), so the chart reads like its table.
 */
export function stackedBarChartSpec(
  segments: readonly StackedSegment[],
  xOrder: readonly string[],
  seriesOrder: readonly string[],
  axes: ChartAxes,
  lang: Lang,
): TopLevelSpec {
  const seriesNames = seriesOrder.map(cleanLabel);
  const values = segments
    .filter((s) => s.value > 0)
    .map((s) => ({
      x: cleanLabel(s.x),
      series: cleanLabel(s.series),
      value: s.value,
      rank: seriesNames.indexOf(cleanLabel(s.series)),
    }));
  return {
    width: WIDTH,
    height: HEIGHT,
    config: baseConfig(lang),
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'x',
        type: 'ordinal',
        sort: xOrder.map(cleanLabel),
        scale: { domain: xOrder.map(cleanLabel) },
        title: axes.x,
        axis: { labelAngle: 0 },
      },
      y: {
        field: 'value',
        type: 'quantitative',
        aggregate: 'sum',
        title: axes.y,
        axis: { format: ',d', tickMinStep: 1 },
      },
      color: {
        field: 'series',
        type: 'nominal',
        title: axes.series ?? '',
        sort: seriesNames,
        scale: { domain: seriesNames, scheme: 'tableau20' },
        // Below the chart, so the plot keeps its width when the SVG is scaled down on a phone.
        legend: { orient: 'bottom', direction: 'horizontal', columns: 2, labelLimit: 270 },
      },
      order: { field: 'rank', type: 'quantitative' },
    },
  };
}

/** A bin of a distribution over hours: [from, to) hours, `value` items. */
export interface HourBin {
  from: number;
  to: number;
  value: number;
}

/**
 * A histogram over hours with a vertical rule at `lineAt` hours (the 72 h line of domain.md §10.5);
 * bars past the line are drawn in the warning colour.
 */
export function hoursHistogramSpec(
  bins: readonly HourBin[],
  lineAt: number,
  lineLabel: string,
  axes: ChartAxes,
  lang: Lang,
): TopLevelSpec {
  const values = bins.map((b) => ({ from: b.from, to: b.to, value: b.value, late: b.from >= lineAt }));
  const top = Math.max(...bins.map((b) => b.to), lineAt);
  return {
    width: WIDTH,
    height: HEIGHT,
    config: baseConfig(lang),
    layer: [
      {
        data: { values },
        mark: { type: 'bar', stroke: '#fff', strokeWidth: 1 },
        encoding: {
          x: {
            field: 'from',
            type: 'quantitative',
            title: axes.x,
            scale: { domain: [0, top] },
            axis: {
              values: Array.from({ length: Math.floor(top / 24) + 1 }, (_, i) => i * 24),
              format: ',d',
            },
          },
          x2: { field: 'to' },
          y: { field: 'value', type: 'quantitative', title: axes.y, axis: { format: ',d', tickMinStep: 1 } },
          // A bar spans [from, to) hours and rises from zero (without y2 a ranged bar is a thin band).
          y2: { datum: 0 },
          color: {
            field: 'late',
            type: 'nominal',
            scale: { domain: [false, true], range: ['#1f5f8b', '#b3261e'] },
            legend: null,
          },
        },
      },
      {
        data: { values: [{ at: lineAt, label: cleanLabel(lineLabel) }] },
        mark: { type: 'rule', color: '#000', strokeDash: [4, 3], strokeWidth: 1.5 },
        encoding: { x: { field: 'at', type: 'quantitative' } },
      },
      {
        data: { values: [{ at: lineAt, label: cleanLabel(lineLabel) }] },
        mark: { type: 'text', align: 'left', baseline: 'top', dx: 4, y: 2, fontSize: 11 },
        encoding: { x: { field: 'at', type: 'quantitative' }, text: { field: 'label' } },
      },
    ],
  };
}
