import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kql, kqlValue, type PlainValue } from '../testing/run-kql.js';
import { captureGroups } from './string.js';
import { indexOf, parseCommandLine, parseCsv, parsePath, replaceStrings } from '../runtime/udfs-string.js';

/** [KQL expression, expected value of `print r = <expression>`, doc page the example comes from]. */
type Case = readonly [string, PlainValue, string];

async function check(cases: readonly Case[]): Promise<void> {
  for (const [expr, expected, page] of cases) {
    assert.deepEqual(await kqlValue(`print r = ${expr}`), expected, `${expr} (${page})`);
  }
}

test('trim, trim_start and trim_end remove regex matches (trim-function.md and siblings)', async () => {
  await check([
    ['trim("--", "--https://bing.com--")', 'https://bing.com', 'trim-function'],
    ['trim(@"[^\\w]+", "-  Te st1// $")', 'Te st1', 'trim-function'],
    ['trim(@"\\s+", "    Hello, world!    ")', 'Hello, world!', 'trim-function'],
    ['trim_start("https://", "https://bing.com")', 'bing.com', 'trim-start-function'],
    ['trim_start(@"[^\\w]+", "-  Te st1// $")', 'Te st1// $', 'trim-start-function'],
    ['trim_end(".com", "bing.com")', 'bing', 'trim-end-function'],
    ['trim_end(@"[^\\w]+", "-  Te st1// $")', '-  Te st1', 'trim-end-function'],
    ['trim_end(@"\\s+", "    Hello, world!    ")', '    Hello, world!', 'trim-end-function'],
    ['trim("ab", "ababXab")', 'X', 'repeated leading matches all go'],
  ]);
  const r = await kql('range x from 1 to 2 step 1 | project str = strcat("-  ","Te st",x,@"// $") | extend t = trim(@"[^\\w]+",str)');
  assert.deepEqual(r.rows, [['-  Te st1// $', 'Te st1'], ['-  Te st2// $', 'Te st2']]);
});

test('substring is 0-based and counts a negative start from the end (substring-function.md)', async () => {
  await check([
    ['substring("123456", 1)', '23456', 'substring-function'],
    ['substring("123456", 2, 2)', '34', 'substring-function'],
    ['substring("ABCD", 0, 2)', 'AB', 'substring-function'],
    ['substring("123456", -2, 2)', '56', 'substring-function'],
    ['substring("123456", 10)', '', 'start past the end'],
    ['substring("123456", 4, 100)', '56', 'length past the end'],
    ['substring("123456", -10, 2)', '12', 'negative start before the beginning'],
  ]);
});

test('countof: plain matches overlap, regex matches do not (countof-function.md)', async () => {
  await check([
    ['countof("aaa", "a")', 3, 'countof-function'],
    ['countof("aaaa", "aa")', 3, 'countof-function'],
    ['countof("ababa", "ab", "normal")', 2, 'countof-function'],
    ['countof("ababa", "aba")', 2, 'countof-function'],
    ['countof("ababa", "aba", "regex")', 1, 'countof-function'],
    ['countof("abcabc", "a.c", "regex")', 2, 'countof-function'],
    ['countof("abc", "")', 0, 'empty search'],
  ]);
});

test('indexof and indexof_regex (indexof-function.md, indexof-regex-function.md)', async () => {
  await check([
    ['indexof("abcdefg","cde")', 2, 'indexof-function'],
    ['indexof("abcdefg","cde",1,4)', 2, 'indexof-function'],
    ['indexof("abcdefg","cde",1,2)', -1, 'indexof-function'],
    ['indexof("abcdefg","cde",3,4)', -1, 'indexof-function'],
    ['indexof("abcdefg","cde",-5)', 2, 'indexof-function'],
    ['indexof(1234567,5,1,4)', 4, 'indexof-function'],
    ['indexof("abcdefg","cde",2,-1)', 2, 'indexof-function'],
    ['indexof("abcdefgabcdefg", "cde", 1, 10, 2)', 9, 'indexof-function'],
    ['indexof("abcdefgabcdefg", "cde", 1, -1, 3)', -1, 'indexof-function'],
    ['indexof("abc", "x")', -1, 'not found'],
    ['indexof_regex("abcabc", @"a.c")', 0, 'indexof-regex-function'],
    ['indexof_regex("abcabcdefg", @"a.c", 0, 9, 2)', 3, 'indexof-regex-function'],
    ['indexof_regex("abcabc", @"a.c", 1, -1, 2)', -1, 'indexof-regex-function'],
    ['indexof_regex("ababaa", @"a.a", 0, -1, 2)', -1, 'indexof-regex-function'],
    ['indexof_regex("abcabc", @"a|ab", -1)', null, 'indexof-regex-function'],
  ]);
  assert.equal(indexOf('abc', 'b', -10n, -1n, 1n), null);
  assert.equal(indexOf('abc', 'b', 0n, -2n, 1n), null);
});

test('strcat_array, strcat_delim, strrep, reverse, strcmp, string_size (their doc pages)', async () => {
  await check([
    ['strcat_array(dynamic([1, 2, 3]), "->")', '1->2->3', 'strcat-array-function'],
    [`strcat_array(dynamic([1, 2, 3]), '"')`, '1"2"3', 'strcat-array-function'],
    ['strcat_array(dynamic([]), ",")', '', 'empty array'],
    [`strcat_delim('-', 1, '2', 'A', 1s)`, '1-2-A-00:00:01', 'strcat-delim-function'],
    [`strrep('ABC', 2)`, 'ABCABC', 'strrep-function'],
    [`strrep(123,3,'.')`, '123.123.123', 'strrep-function'],
    [`strrep(3s,2,' ')`, '00:00:03 00:00:03', 'strrep-function'],
    ['reverse("ABCDEFGHIJKLMNOPQRSTUVWXYZ")', 'ZYXWVUTSRQPONMLKJIHGFEDCBA', 'reverse-function'],
    ['reverse(12345)', '54321', 'reverse-function'],
    ['reverse(123.45)', '54.321', 'reverse-function'],
    ['reverse(datetime(2017-10-15 12:00))', 'Z0000000.00:00:21T51-01-7102', 'reverse-function'],
    ['reverse(3h)', '00:00:30', 'reverse-function'],
    ['strcmp("ABC","ABC")', 0, 'strcmp-function'],
    ['strcmp("abc","ABC")', 1, 'strcmp-function'],
    ['strcmp("ABC","abc")', -1, 'strcmp-function'],
    ['strcmp("abcde","abc")', 1, 'strcmp-function'],
    ['string_size("hello")', 5, 'string-size-function'],
    ['string_size("⒦⒰⒮⒯⒪")', 15, 'string-size-function'],
  ]);
});

test('replace_regex, replace_strings, translate (their doc pages)', async () => {
  await check([
    [`replace_regex('Number is 1', @'is (\\d+)', @'was: \\1')`, 'Number was: 1', 'replace-regex-function'],
    [`replace_strings("A magic trick can turn a cat into a dog", dynamic(['cat', 'dog']), dynamic(['dog', 'pigeon']))`,
      'A magic trick can turn a dog into a pigeon', 'replace-strings-function'],
    [`replace_strings("A magic trick can turn a cat into a dog", dynamic(['turn', ' into a dog']), dynamic(['disappear', '']))`,
      'A magic trick can disappear a cat', 'replace-strings-function'],
    [`replace_strings("This is an example", dynamic(['This', 'is']), dynamic(['This', 'was']))`, 'This was an example', 'replace-strings-function'],
    [`replace_strings("This is an example", dynamic(['is', 'This']), dynamic(['was', 'This']))`, 'Thwas was an example', 'replace-strings-function'],
    [`replace_strings("This is an example", dynamic(['This', 'is']), dynamic([12345, 'was']))`, 'This was an example', 'replace-strings-function'],
    ['translate("abc", "x", "abc")', 'xxx', 'translate-function'],
    ['translate("abc", "", "ab")', '', 'translate-function'],
    ['translate("krasp", "otsku", "spark")', 'kusto', 'translate-function'],
  ]);
  assert.equal(replaceStrings('aaa', '["a"]', '["b"]'), 'bbb');
});

test('extract_all: 1-D, 2-D, selected and named groups, null on no match (extract-all-function.md)', async () => {
  const id = '"82b8be2d-dfa7-4bd1-8f63-24ad26d31449"';
  await check([
    [`extract_all(@"([\\da-f]{2})", ${id})`, ['82', 'b8', 'be', '2d', 'df', 'a7', '4b', 'd1', '8f', '63', '24', 'ad', '26', 'd3', '14', '49'], 'extract-all-function'],
    [`extract_all(@"(\\w)(\\w+)(\\w)", ${id})`,
      [['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']], 'extract-all-function'],
    [`extract_all(@"(\\w)(\\w+)(\\w)", dynamic([1,3]), ${id})`, [['8', 'd'], ['d', '7'], ['4', '1'], ['8', '3'], ['2', '9']], 'extract-all-function'],
    [`extract_all(@"(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)", dynamic(['first',2,'last']), ${id})`,
      [['8', '2b8be2', 'd'], ['d', 'fa', '7'], ['4', 'bd', '1'], ['8', 'f6', '3'], ['2', '4ad26d3144', '9']], 'extract-all-function'],
    ['extract_all(@"(\\d+)", "a set of numbers: 123, 567 and 789")', ['123', '567', '789'], 'extract-all-function'],
    ['extract_all(@"(\\d+)", "no digits")', null, 'no match is null'],
  ]);
  assert.deepEqual(captureGroups('(a)(?:b)[(](?P<n>c)\\(d'), [null, 'n']);
});

test('split, has_any_index, regex_quote, isascii, unicode code points (their doc pages)', async () => {
  await check([
    ['split("aa_bb", "_")', ['aa', 'bb'], 'split-function'],
    ['split("aaa_bbb_ccc", "_", 1)', ['bbb'], 'split-function'],
    ['split("", "_")', [''], 'split-function'],
    ['split("a__b", "_")', ['a', '', 'b'], 'split-function'],
    ['split("aabbcc", "bb")', ['aa', 'cc'], 'split-function'],
    ['split("a_b", "_", 5)', [], 'index out of range'],
    [`has_any_index("this is an example", dynamic(['this', 'example']))`, 0, 'has-any-index-function'],
    [`has_any_index("this is an example", dynamic(['not', 'example']))`, 1, 'has-any-index-function'],
    [`has_any_index("this is an example", dynamic(['not', 'found']))`, -1, 'has-any-index-function'],
    ['has_any_index("Example number 2", range(1, 3, 1))', 1, 'has-any-index-function'],
    ['has_any_index("this is an example", dynamic([]))', -1, 'has-any-index-function'],
    [`regex_quote('(so$me.Te^xt)')`, '\\(so\\$me\\.Te\\^xt\\)', 'regex-quote-function'],
    ['isascii("some string")', true, 'isascii-function'],
    ['isascii("Ñ")', false, 'non-ASCII'],
    ['isutf8("some string")', true, 'isutf8-function'],
    ['unicode_codepoints_from_string("⒦⒰⒮⒯⒪")', [9382, 9392, 9390, 9391, 9386], 'unicode-codepoints-from-string-function'],
    ['unicode_codepoints_from_string("קוסטו - Kusto")', [1511, 1493, 1505, 1496, 1493, 32, 45, 32, 75, 117, 115, 116, 111], 'unicode-codepoints-from-string-function'],
    ['unicode_codepoints_to_string(unicode_codepoints_from_string("Kusto"))', 'Kusto', 'unicode-codepoints-from-string-function'],
    ['unicode_codepoints_to_string(75, 117, 115, 116, 111)', 'Kusto', 'unicode-codepoints-to-string-function'],
    ['unicode_codepoints_to_string(dynamic([75, 117, 115, 116, 111]))', 'Kusto', 'unicode-codepoints-to-string-function'],
    ['unicode_codepoints_to_string(dynamic([75, 117, 115]), 116, 111)', 'Kusto', 'unicode-codepoints-to-string-function'],
    ['unicode_codepoints_to_string(75, 10, 117)', 'K\nu', 'unicode-codepoints-to-string-function'],
    ['unicode_codepoints_to_string(range(48,57), range(65,70))', '0123456789ABCDEF', 'unicode-codepoints-to-string-function'],
  ]);
});

test('parse_csv, parse_command_line, parse_path (their doc pages)', async () => {
  await check([
    [`parse_csv('aa,"b,b,b",cc,"Escaping quotes: ""Title""","line1\\nline2"')`,
      ['aa', 'b,b,b', 'cc', 'Escaping quotes: "Title"', 'line1\nline2'], 'parse-csv-function'],
    [`parse_csv('record1,a,b,c\\nrecord2,x,y,z')`, ['record1', 'a', 'b', 'c'], 'parse-csv-function'],
    ['parse_command_line("echo \\"hello world!\\"", "windows")', ['echo', 'hello world!'], 'parse-command-line-function'],
  ]);
  assert.equal(parseCsv(''), '[""]');
  assert.equal(parseCommandLine('a\\\\"b c" d\\"e f\\g'), JSON.stringify(['a\\b c', 'd"e', 'f\\g']));
  const parts = (p: string) => JSON.parse(parsePath(p)) as Record<string, string>;
  assert.deepEqual(parts('C:\\temp\\file.txt'), {
    Scheme: '', RootPath: 'C:', DirectoryPath: 'C:\\temp', DirectoryName: 'temp', Filename: 'file.txt', Extension: 'txt', AlternateDataStreamName: '',
  });
  assert.deepEqual(parts('file://C:/temp/file.txt:some.exe'), {
    Scheme: 'file', RootPath: 'C:', DirectoryPath: 'C:/temp', DirectoryName: 'temp', Filename: 'file.txt', Extension: 'txt', AlternateDataStreamName: 'some.exe',
  });
  assert.deepEqual(parts('\\\\shared\\users\\temp\\file.txt.gz'), {
    Scheme: '', RootPath: '', DirectoryPath: '\\\\shared\\users\\temp', DirectoryName: 'temp', Filename: 'file.txt.gz', Extension: 'gz', AlternateDataStreamName: '',
  });
  assert.deepEqual(parts('/usr/lib/temp/file.txt').DirectoryPath, '/usr/lib/temp');
  assert.deepEqual(parts('temp\\file.txt').RootPath, '');
});

test('parse_url and parse_urlquery (parse-url-function.md, parse-urlquery-function.md)', async () => {
  assert.deepEqual(await kqlValue('print parse_url("scheme://username:password@host:1234/this/is/a/path?k1=v1&k2=v2#fragment")'), {
    Scheme: 'scheme', Host: 'host', Port: '1234', Path: '/this/is/a/path', Username: 'username', Password: 'password',
    'Query Parameters': { k1: 'v1', k2: 'v2' }, Fragment: 'fragment',
  });
  assert.deepEqual(await kqlValue('print parse_urlquery("k1=v1&k2=v2&k3=v3")'), { 'Query Parameters': { k1: 'v1', k2: 'v2', k3: 'v3' } });
  const r = await kql(`let getQueryParamValue = (querystring: string, param: string) {
    let params = parse_urlquery(querystring);
    tostring(params["Query Parameters"].[param])
};
print UrlQuery = 'view=vs-2019&preserve-view=true'
| extend view = getQueryParamValue(UrlQuery, 'view')
| extend preserve = getQueryParamValue(UrlQuery, 'preserve-view')`);
  assert.deepEqual(r.rows, [['view=vs-2019&preserve-view=true', 'vs-2019', 'true']]);
});

test('format_bytes and parse_version (format-bytes-function.md, parse-version-function.md)', async () => {
  await check([
    ['format_bytes(564)', '564 Bytes', 'format-bytes-function'],
    ['format_bytes(10332, 1)', '10.1 KB', 'format-bytes-function'],
    ['format_bytes(20010332)', '19 MB', 'format-bytes-function'],
    ['format_bytes(20010332, 2)', '19.08 MB', 'format-bytes-function'],
    ['format_bytes(20010332, 0, "KB")', '19541 KB', 'format-bytes-function'],
    ['parse_version("0.0.0.5")', 5, 'parse-version-function'],
    ['parse_version("0.0.7.0")', 700000000, 'parse-version-function'],
    ['parse_version("1.2.3.4")', 1.000000020000000300000004e24, 'parse-version-function'],
    ['parse_version("1.2.3.4.5")', null, 'five parts'],
    ['parse_version("1.0.0.1") > parse_version("1.0.0.0")', true, 'comparison keeps every digit'],
  ]);
});
