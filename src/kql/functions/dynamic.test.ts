import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kqlValue, kql } from '../testing/run-kql.js';

// Documented examples, one row per `print` expression: <function>-function.md unless named otherwise.
const CASES: readonly [string, unknown][] = [
  // array-iff-function.md
  ['array_iff(dynamic([true,false,true]), dynamic([1,2,3]), dynamic([4,5,6]))', [1, 5, 3]],
  ['array_iff(dynamic([1,0,50]), "yes", "no")', ['yes', 'no', 'yes']],
  ['array_iif(dynamic(["some string value", datetime("01-01-2022"), null]), 1, 0)', [null, null, null]],
  ['array_iff(dynamic([true,true,true]), dynamic([1,2]), dynamic([3,4]))', [1, 2, null]],
  // array-index-of-function.md
  ['array_index_of(dynamic(["this", "is", "an", "example", "an", "example"]), "an")', 2],
  ['array_index_of(dynamic(["this", "is", "an", "example", "an", "example"]), "example", 1, 3)', 3],
  ['array_index_of(dynamic(["this", "is", "an", "example", "an", "example"]), "example", 1, 2)', -1],
  ['array_index_of(dynamic(["this", "is", "an", "example", "an", "example"]), "is", 2, 4)', -1],
  ['array_index_of(dynamic(["this", "is", "an", "example", "an", "example"]), "example", 2, -1)', 3],
  ['array_index_of(dynamic(["this", "is", "an", "example", "an", "example"]), "an", 1, -1, 2)', 4],
  ['array_index_of(dynamic(["this", "is", "an", "example", "an", "example"]), "an", 1, -1, 3)', -1],
  ['array_index_of(dynamic(["this", "is", "an", "example", "an", "example"]), "an", -3)', 4],
  ['array_index_of(dynamic(["this", "is", "an", "example", "an", "example"]), "is", -4)', -1],
  ['array_reverse(dynamic(["this", "is", "an", "example"]))', ['example', 'an', 'is', 'this']],
  ['array_rotate_left(dynamic([1,2,3,4,5]), 2)', [3, 4, 5, 1, 2]],
  ['array_rotate_left(dynamic([1,2,3,4,5]), -2)', [4, 5, 1, 2, 3]],
  ['array_rotate_right(dynamic([1,2,3,4,5]), 2)', [4, 5, 1, 2, 3]],
  ['array_rotate_right(dynamic([1,2,3,4,5]), -2)', [3, 4, 5, 1, 2]],
  ['array_shift_left(dynamic([1,2,3,4,5]), 2)', [3, 4, 5, null, null]],
  ['array_shift_left(dynamic([1,2,3,4,5]), 2, -1)', [3, 4, 5, -1, -1]],
  ['array_shift_left(dynamic([1,2,3,4,5]), -2, -1)', [-1, -1, 1, 2, 3]],
  ['array_shift_right(dynamic([1,2,3,4,5]), 2)', [null, null, 1, 2, 3]],
  ['array_shift_right(dynamic([1,2,3,4,5]), -2, -1)', [3, 4, 5, -1, -1]],
  ['array_slice(dynamic([1,2,3]), 1, 2)', [2, 3]],
  ['array_slice(dynamic([1,2,3,4,5]), 2, -1)', [3, 4, 5]],
  ['array_slice(dynamic([1,2,3,4,5]), -3, -2)', [3, 4]],
  ['array_sort_asc(dynamic([null,"blue","yellow","green",null]))', ['blue', 'green', 'yellow', null, null]],
  ['array_sort_asc(dynamic([null,"blue","yellow","green",null]), false)', [null, null, 'blue', 'green', 'yellow']],
  ['array_sort_desc(dynamic([null,"blue","yellow","green",null]))', ['yellow', 'green', 'blue', null, null]],
  ['array_sort_desc(dynamic([null,"blue","yellow","green",null]), false)', [null, null, 'yellow', 'green', 'blue']],
  ['array_sort_asc(dynamic([10, 9, 100]))', [9, 10, 100]],
  ['array_split(dynamic([1,2,3,4,5]), 2)', [[1, 2], [3, 4, 5]]],
  ['array_split(dynamic([1,2,3,4,5]), dynamic([1,3]))', [[1], [2, 3], [4, 5]]],
  ['array_sum(dynamic([1,2,3,4]))', 10],
  ['array_concat(dynamic([1,2,4]), dynamic([1,2]))', [1, 2, 4, 1, 2]],
  ['bag_has_key(dynamic({"key1": 123, "key2": "abc"}), "key2")', true],
  ['bag_has_key(dynamic({"key1": 123, "key3": "abc"}), "key2")', false],
  ['bag_has_key(dynamic({"key1": 123, "key2": {"prop1": "abc"}}), "$.key2.prop1")', true],
  ['bag_keys(dynamic({"a":"b", "c":123}))', ['a', 'c']],
  ['bag_keys(dynamic({}))', []],
  ['bag_merge(dynamic({"A1":12, "B1":2, "C1":3}), dynamic({"A2":81, "B2":82, "A1":1}))', { A1: 12, B1: 2, C1: 3, A2: 81, B2: 82 }],
  ['bag_remove_keys(dynamic({"key1": 123, "key2": "abc"}), dynamic(["key2", "key4"]))', { key1: 123 }],
  ['bag_remove_keys(dynamic({"key1": 123, "key2": {"prop1": "abc", "prop2": "xyz"}, "key3": [100, 200]}), dynamic(["$.key2.prop1", "key3"]))',
    { key1: 123, key2: { prop2: 'xyz' } }],
  ['bag_set_key(dynamic({"key1": 1, "key3": "abc"}), "key3", 3)', { key1: 1, key3: 3 }],
  ['bag_set_key(dynamic({"key1": 123}), "$.key2.prop1", "abc")', { key1: 123, key2: { prop1: 'abc' } }],
  // bag-zip.md
  ['bag_zip(dynamic(["a", "b", "c"]), dynamic([1, "2", 3.4]))', { a: 1, b: '2', c: 3.4 }],
  ['bag_zip(dynamic(["a", "b", "c"]), dynamic([1, "2"]))', { a: 1, b: '2', c: null }],
  ['bag_zip(dynamic(["a", 8, "b"]), dynamic([1, "2", 2.5]))', { a: 1, b: 2.5 }],
  ['zip(dynamic([1,3,5]), dynamic([2,4,6]))', [[1, 2], [3, 4], [5, 6]]],
  ['zip(dynamic(["A", 1, 1.5]), dynamic([{}, "B"]))', [['A', {}], [1, 'B'], [1.5, null]]],
  ['set_has_element(dynamic(["this", "is", "an", "example"]), "example")', true],
  ['jaccard_index(dynamic([1,2,3]), dynamic([1,2,3,4]))', 0.75],
  ['set_difference(dynamic([1,2,3]), dynamic([1,2,3]))', []],
  ['set_intersect(dynamic([1, 2, 3]), dynamic([4,5]))', []],
  ['treepath(parse_json(\'{"a":"b", "c":123}\'))', ["['a']", "['c']"]],
  ['treepath(parse_json(\'{"prop1":[1,2,3,4], "prop2":"value2"}\'))', ["['prop1']", "['prop1'][0]", "['prop2']"]],
  ['treepath(parse_json(\'{"listProperty":[100,200,300,"abcde",{"x":"y"}]}\'))', ["['listProperty']", "['listProperty'][0]", "['listProperty'][0]['x']"]],
  ['gettype("a")', 'string'],
  ['gettype(111)', 'long'],
  ['gettype(1==1)', 'bool'],
  ['gettype(1s)', 'timespan'],
  ['gettype(parse_json(\'1\'))', 'int'],
  ['gettype(parse_json(\' "abc" \'))', 'string'],
  ['gettype(parse_json(\' {"abc":1} \'))', 'dictionary'],
  ['gettype(parse_json(\' [1, 2, 3] \'))', 'array'],
  ['gettype(123.45)', 'real'],
  ['gettype(guid(12e8b78d-55b4-46ae-b068-26d7a0080254))', 'guid'],
  ['gettype(parse_json(\'\'))', 'null'],
  ['range(1, 8, 3)', [1, 4, 7]],
  ['range(1, 3)', [1, 2, 3]],
  ['range(1h, 5h)', ['01:00:00', '02:00:00', '03:00:00', '04:00:00', '05:00:00']],
  ['range(datetime(2007-01-01), datetime(2007-01-03), 1d)', ['2007-01-01T00:00:00.0000000Z', '2007-01-02T00:00:00.0000000Z', '2007-01-03T00:00:00.0000000Z']],
  ['repeat(1, 3)', [1, 1, 1]],
  ['repeat("asd", 3)', ['asd', 'asd', 'asd']],
  ['repeat(timespan(1h), 2)', ['01:00:00', '01:00:00']],
  ['repeat(1, -1)', null],
  ['extract_json("$.name", \'{"name": "John", "age": 30, "city": "New York"}\', typeof(string))', 'John'],
  ['extractjson("$.age", \'{"name": "John", "age": 30}\', typeof(long))', 30],
  ['parse_json(tostring(parse_json(\'{"a":123, "b":"{\\\\"c\\\\":456}"}\').b)).c', 456],
];

for (const [expr, expected] of CASES) {
  test(expr, async () => {
    assert.deepEqual(await kqlValue(`print ${expr}`), expected);
  });
}

test('dynamic_to_json sorts keys recursively (dynamic-to-json-function.md)', async () => {
  const r = await kqlValue(`print dynamic_to_json(dynamic({'Y10':{}, 'X8': {'c3':1,'d8':5,'a4':6}, 'D1':114, 'A1':12, 'B1':2, 'C1':3, 'A14':[15, 13, 18]}))`);
  assert.equal(r, '{"A1":12,"A14":[15,13,18],"B1":2,"C1":3,"D1":114,"X8":{"a4":6,"c3":1,"d8":5},"Y10":{}}');
});

test('set_union keeps each value once (set-union-function.md)', async () => {
  const r = (await kqlValue('print set_union(dynamic([1,2,1,4]), dynamic([1,2]), dynamic([8]))')) as number[];
  assert.deepEqual([...r].sort((a, b) => a - b), [1, 2, 4, 8]);
});

test('array_sort_asc with a second array permutes it alike, as an array of arrays', async () => {
  const r = await kqlValue('print array_sort_asc(dynamic([1,3,4,5,2]), dynamic(["a","b","c","d","e"]))[1]');
  assert.deepEqual(r, ['a', 'e', 'b', 'c', 'd']);
});

test('non-bag and non-array inputs (bag-keys-function.md, bag-zip.md)', async () => {
  const r = await kql(`datatable(k: dynamic, v: dynamic)[dynamic(['a', 8, 'b']), dynamic(1), dynamic('a'), dynamic([1]), dynamic([]), dynamic(null)]
    | extend z = bag_zip(k, v), keys = bag_keys(k)`);
  assert.deepEqual(r.rows.map((row) => [row[2], row[3]]), [[{ a: null, b: null }, null], [null, null], [{}, null]]);
});

test('bag_pack_columns names keys after the columns (bag-pack-columns-function.md)', async () => {
  const r = await kql('datatable(Id: string, Value: string, Other: long)["A", "val_a", 1] | extend Packed = bag_pack_columns(Id, Value)');
  assert.deepEqual(r.rows[0]![3], { Id: 'A', Value: 'val_a' });
});

test('range() stops at 1,048,576 elements (range-function.md)', async () => {
  const r = await kql('print r = range(1, 1000000000) | mv-expand r | count');
  assert.deepEqual(r.rows, [[1048576]]);
});

test('array_sort_asc over two arrays: one column per array (array-sort-asc-function.md), or pick one by index', async () => {
  const r = await kql('let array1 = dynamic([1,3,4,5,2]); let array2 = dynamic(["a","b","c","d","e"]); print array_sort_asc(array1, array2)');
  assert.deepEqual(r.columns, ['array1_sorted', 'array2_sorted']);
  assert.deepEqual(r.rows, [[[1, 2, 3, 4, 5], ['a', 'e', 'b', 'c', 'd']]]);
  const named = await kql('print a = dynamic([3,1,2]), b = dynamic(["x","y","z"]) | extend (sa, sb) = array_sort_desc(a, b) | project sa, sb');
  assert.deepEqual(named.rows, [[[3, 2, 1], ['x', 'z', 'y']]]);
  assert.deepEqual(await kqlValue('print array_sort_asc(dynamic([3,1,2]), dynamic(["x","y","z"]))[1]'), ['y', 'z', 'x']);
});

test('pack_all(true) leaves out null and empty slots (pack-all-function.md)', async () => {
  const r = await kql(`datatable(Source:string, Target:string, CharsCount:long)['555-1313', '', 42, '', '555-3456', 74, '', '', long(null)]
    | project Packed = pack_all(), PackedIgnoreNullEmpty = pack_all(true)`);
  assert.deepEqual(r.rows, [
    [{ Source: '555-1313', Target: '', CharsCount: 42 }, { Source: '555-1313', CharsCount: 42 }],
    [{ Source: '', Target: '555-3456', CharsCount: 74 }, { Target: '555-3456', CharsCount: 74 }],
    [{ Source: '', Target: '', CharsCount: null }, {}],
  ]);
});
