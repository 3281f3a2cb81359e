// The CSV cells of the register export: formula injection neutralised, RFC 4180 quoting.
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { cellText, csvLine } from '../../../server/register/register-csv.js';
import { neutraliseFormula } from '../../../server/csv.js';

describe('register export: CSV cells', () => {
  const cases: [string, string][] = [
    ['=SUM(A1:A9)', "'=SUM(A1:A9)"],
    ['+31 6 12345678', "'+31 6 12345678"],
    ['-1', "'-1"],
    ['@cmd', "'@cmd"],
    ['\tstarts with a tab', "'\tstarts with a tab"],
    ['\rstarts with CR', "'\rstarts with CR"],
    ['plain text', 'plain text'],
    ['a = b', 'a = b'],
    ['', ''],
  ];
  for (const [input, expected] of cases) {
    it(`when a text cell is ${JSON.stringify(input)}, then it becomes ${JSON.stringify(expected)}`, () => {
      assert.equal(neutraliseFormula(input), expected);
      assert.equal(cellText(input), expected);
    });
  }

  it('when values are numbers, booleans, dates, lists or empty, then they are written plainly (numbers are not text, so -1 stays -1)', () => {
    assert.equal(cellText(-1), '-1');
    assert.equal(cellText(true), 'true');
    assert.equal(cellText(new Date('2026-01-05T08:30:00Z')), '2026-01-05T08:30:00.000Z');
    assert.equal(cellText(['read', 'copied']), 'read; copied');
    assert.equal(cellText(['=x']), "'=x");
    assert.equal(cellText(null), '');
    assert.equal(cellText(undefined), '');
  });

  it('when a line holds quotes, commas, semicolons and newlines, then a CSV parser reads back exactly the cells', () => {
    const cells = ['a,b', 'say "hi"', 'two\r\nlines', '=1+1', 'x;y'];
    const line = csvLine(cells);
    assert.ok(line.endsWith('\r\n'));
    assert.deepEqual(parse(line), [['a,b', 'say "hi"', 'two\r\nlines', "'=1+1", 'x;y']]);
  });
});
