import { test } from 'node:test';
import assert from 'node:assert/strict';
import { csvRows } from './csv-rows.js';

test('RFC 4180: quotes, doubled quotes, commas and line breaks inside quoted fields', () => {
  assert.deepEqual(csvRows('a,b,c\n"x,1","say ""hi""","two\nlines"\r\nplain,,\n'), [
    ['a', 'b', 'c'],
    ['x,1', 'say "hi"', 'two\nlines'],
    ['plain', '', ''],
  ]);
  assert.deepEqual(csvRows('last,row'), [['last', 'row']]);
  assert.deepEqual(csvRows('"a"\n""\n'), [['a'], ['']]);
});
