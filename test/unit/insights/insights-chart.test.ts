// Issue 17: charts are drawn on the server by Vega-Lite/Vega as SVG — no script, texts escaped,
// numbers written as the page's language writes them, the accessible name translated.
import assert from 'node:assert/strict';
import {
  EVENT_ATTRIBUTE,
  barChartSpec,
  hoursHistogramSpec,
  renderChart,
  stackedBarChartSpec,
} from '../../../server/insights/insights.chart.js';

/** The bars Vega drew: the paths inside its rect-mark group. */
const bars = (svg: string): number =>
  (svg.match(/<g class="mark-rect role-mark[^"]*">(.*?)<\/g>/)?.[1]?.match(/<path /g) ?? []).length;
const texts = (svg: string): string[] => [...svg.matchAll(/>([^<]+)</g)].map((m) => m[1] ?? '');

describe('insights charts (Vega-Lite rendered to SVG on the server)', function () {
  this.timeout(20_000);

  it('when a bar chart is drawn in Dutch, then it is one SVG with a bar per value, Dutch thousands and the title as its name', async () => {
    const svg = await renderChart(
      barChartSpec(
        [
          { label: 'jan', value: 1200 },
          { label: 'feb', value: 3 },
        ],
        { x: 'Maand', y: 'Aantal' },
        'nl',
      ),
      'Incidenten per maand',
    );
    assert.match(svg, /^<svg class="chart" role="img" aria-label="Incidenten per maand" /);
    assert.match(svg, /<title>Incidenten per maand<\/title>/);
    assert.equal(bars(svg), 2);
    assert.equal((svg.match(/^<svg[^>]*>/)?.[0].match(/class=/g) ?? []).length, 1, 'one class attribute');
    const t = texts(svg);
    assert.ok(t.includes('1.200'), `Dutch thousands in ${t.join('|')}`);
    assert.ok(t.includes('Maand') && t.includes('Aantal') && t.includes('jan') && t.includes('feb'));
    assert.ok(!t.some((x) => /,\d|\.\d{1,2}$/.test(x)), 'no decimals on the axis');
    assert.doesNotMatch(svg, /aria-roledescription|X-axis|Y-axis|<script|style=/);
  });

  it('when a bar chart is drawn in English, then numbers are grouped with commas', async () => {
    const svg = await renderChart(
      barChartSpec([{ label: 'Jan', value: 1200 }], { x: 'Month', y: 'Number' }, 'en'),
      'Incidents per month',
    );
    assert.ok(texts(svg).includes('1,200'));
  });

  it('when labels or the title carry markup, then they come out escaped and nothing active is written', async () => {
    const hostile = '<script>alert(1)</script>"&\'<img src=x onerror=alert(1)>';
    const svg = await renderChart(
      stackedBarChartSpec(
        [{ x: hostile, series: hostile, value: 2 }],
        [hostile],
        [hostile],
        { x: hostile, y: 'Aantal', series: hostile },
        'nl',
      ),
      hostile,
    );
    assert.doesNotMatch(svg, /<script|<img/i);
    assert.doesNotMatch(svg, EVENT_ATTRIBUTE);
    assert.match(svg, /&lt;script&gt;/);
    assert.match(svg, /aria-label="&lt;script&gt;alert\(1\)&lt;\/script&gt;&quot;&amp;&#39;/);
  });

  it('when a stacked chart is drawn, then every category shows on the axis, also empty ones, and the legend keeps the given order', async () => {
    const svg = await renderChart(
      stackedBarChartSpec(
        [
          { x: 'jan', series: 'Phishing', value: 2 },
          { x: 'jan', series: 'Post', value: 1 },
          { x: 'feb', series: 'Post', value: 4 },
        ],
        ['jan', 'feb', 'mrt'],
        ['Post', 'Phishing'],
        { x: 'Maand', y: 'Aantal', series: 'Oorzaak' },
        'nl',
      ),
      'Per oorzaak',
    );
    const t = texts(svg);
    assert.ok(t.includes('mrt'), 'the empty month is on the axis');
    assert.ok(t.indexOf('Post') < t.indexOf('Phishing'), 'legend in the given order');
    assert.equal(bars(svg), 3, 'one segment per non-empty (month, cause)');
  });

  it('when a distribution over hours is drawn, then the 72 h line is marked with its label', async () => {
    const svg = await renderChart(
      hoursHistogramSpec(
        [
          { from: 0, to: 12, value: 3 },
          { from: 72, to: 84, value: 1 },
        ],
        72,
        '72 uur',
        { x: 'Uren', y: 'Aantal' },
        'nl',
      ),
      'Tijd tot melding',
    );
    const t = texts(svg);
    assert.ok(t.includes('72 uur'));
    assert.ok(t.includes('72') && t.includes('48'));
    assert.match(svg, /stroke-dasharray="4,3"/);
    // Bars rise from zero in proportion: 3 fills the plot (220 high), 1 a third of it.
    const heights = [
      ...(svg.match(/<g class="mark-rect role-mark[^"]*">(.*?)<\/g>/)?.[1] ?? '').matchAll(/v([\d.]+)h/g),
    ].map((m) => Math.round(Number(m[1])));
    assert.deepEqual(heights, [220, 73]);
  });
});
