import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cellAt, findCells } from '../../src/cells';

const doc = [
    '# Agent',                          // 0
    'cell prose(x) is not code',        // 1
    '```lumen',                         // 2
    'record R',                         // 3
    '  x: Int',                         // 4
    'end',                              // 5
    '',                                 // 6
    'cell extract(text: String) -> R',  // 7
    '  if true',                        // 8
    '    return R { x: 1 }',            // 9
    '  end',                            // 10
    '  return R { x: 2 }',              // 11
    'end',                              // 12
    'cell run() -> R',                  // 13
    '  return extract("a")',            // 14
    '```',                              // 15
    '',                                 // 16
    '```python',                        // 17
    'cell hidden(',                     // 18
    '```',                              // 19
    '> ~~~lumen title="quoted"',        // 20
    '> cell quoted() -> Int',           // 21
    '>   return 1',                     // 22
    '> end',                            // 23
    '> ~~~',                            // 24
    '```lumen',                         // 25
    'cell naïve_größe()',               // 26
].join('\n');

test('finds the cells of lumen blocks only, with their extent', () => {
    assert.deepEqual(findCells(doc), [
        { name: 'extract', line: 7, lastLine: 12 },
        { name: 'run', line: 13, lastLine: 14 },
        { name: 'quoted', line: 21, lastLine: 23 },
        { name: 'naïve_größe', line: 26, lastLine: 26 },
    ]);
});

test('the cell under a line is the one whose lines hold it', () => {
    const cells = findCells(doc);
    assert.equal(cellAt(cells, 9)?.name, 'extract');
    assert.equal(cellAt(cells, 12)?.name, 'extract');
    assert.equal(cellAt(cells, 14)?.name, 'run');
    assert.equal(cellAt(cells, 4), undefined);
    assert.equal(cellAt(cells, 16), undefined);
});

test('a fence of another language, or Lumen spelled otherwise, holds no cell', () => {
    assert.deepEqual(findCells('```Lumen\ncell a()\n```\n```lumen-x\ncell b()\n```\n    cell c()\n'), []);
});

test('a longer closing fence closes, a shorter one does not', () => {
    assert.deepEqual(findCells('````lumen\n```\ncell a()\n````\ncell b()\n').map((c) => c.name), ['a']);
});
