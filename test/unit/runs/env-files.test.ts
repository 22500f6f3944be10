import { strict as assert } from 'node:assert';
import { parseEnvFile, parsePathFile } from '../../../src/core/runs/env-files';

describe('parseEnvFile', () => {
  it('reads name=value lines, keeping "=" inside values and empty values', () => {
    const parse = parseEnvFile('version=1.2.3\nargs=--flag=on --level=2\nempty=\n');
    assert.deepEqual(
      [...parse.values],
      [
        ['version', '1.2.3'],
        ['args', '--flag=on --level=2'],
        ['empty', ''],
      ],
    );
    assert.deepEqual(parse.problems, []);
  });

  it('reads a multi-line value up to the delimiter line, joined with \\n and no trailing newline', () => {
    // What `echo "notes<<$EOF" >> "$GITHUB_OUTPUT"` and friends leave behind.
    const text = ['notes<<ghadelimiter_4f7e', '## Changes', '', '- fixed a=b parsing', 'ghadelimiter_4f7e', 'after=yes', ''].join('\n');
    const parse = parseEnvFile(text);
    assert.equal(parse.values.get('notes'), '## Changes\n\n- fixed a=b parsing');
    assert.equal(parse.values.get('after'), 'yes');
    assert.deepEqual(parse.problems, []);
  });

  it('gives an empty multi-line value when the delimiter follows at once', () => {
    assert.equal(parseEnvFile('body<<EOF\nEOF\n').values.get('body'), '');
  });

  it('ends a value at the first line that is exactly the delimiter, so a value never holds it', () => {
    const parse = parseEnvFile('json<<EOF\n{\n  "EOF": 1,\n EOF\nEOF\nnext=1\n');
    // "EOF" inside a line and " EOF" (leading space) do not end it; the bare line does.
    assert.equal(parse.values.get('json'), '{\n  "EOF": 1,\n EOF');
    assert.equal(parse.values.get('next'), '1');

    const early = parseEnvFile('a<<EOF\nfirst\nEOF\nsecond\nEOF\n');
    assert.equal(early.values.get('a'), 'first');
    assert.equal(early.problems.length, 2, 'the lines after the first delimiter are not part of the value');
  });

  it('decides between = and << by whichever comes first', () => {
    const parse = parseEnvFile('cmd=cat <<EOF\nname<<END=\nx\nEND=\n');
    assert.equal(parse.values.get('cmd'), 'cat <<EOF');
    assert.equal(parse.values.get('name'), 'x');
  });

  it('handles CRLF files and a last line without a newline', () => {
    const parse = parseEnvFile('a=1\r\nmsg<<EOF\r\nline one\r\nline two\r\nEOF\r\nlast=end');
    assert.deepEqual(
      [...parse.values],
      [
        ['a', '1'],
        ['msg', 'line one\nline two'],
        ['last', 'end'],
      ],
    );
    assert.deepEqual(parse.problems, []);
  });

  it('accepts a closing delimiter that is the last line without a newline', () => {
    const parse = parseEnvFile('msg<<EOF\nhello\nEOF');
    assert.equal(parse.values.get('msg'), 'hello');
    assert.deepEqual(parse.problems, []);
  });

  it('lets a repeated name take its later value, in first-insertion order', () => {
    const parse = parseEnvFile('a=1\nb=2\na=3\n');
    assert.deepEqual(
      [...parse.values],
      [
        ['a', '3'],
        ['b', '2'],
      ],
    );
  });

  it('skips empty lines', () => {
    const parse = parseEnvFile('\n\na=1\n\n\r\nb=2\n');
    assert.deepEqual([...parse.values.keys()], ['a', 'b']);
    assert.deepEqual(parse.problems, []);
  });

  it('reports a line that is neither form, with its line number, and keeps going', () => {
    const parse = parseEnvFile('a=1\njust some text\nb=2\n');
    assert.deepEqual(
      [...parse.values],
      [
        ['a', '1'],
        ['b', '2'],
      ],
    );
    assert.equal(parse.problems.length, 1);
    assert.match(parse.problems[0] ?? '', /^line 2: "just some text"/);
  });

  it('reports an empty name or delimiter', () => {
    const parse = parseEnvFile('=value\n<<EOF\nname<<\nok=1\n');
    assert.deepEqual([...parse.values], [['ok', '1']]);
    assert.equal(parse.problems.length, 3);
    assert.match(parse.problems[0] ?? '', /^line 1: .*no name/);
    assert.match(parse.problems[1] ?? '', /^line 2: /);
    assert.match(parse.problems[2] ?? '', /^line 3: /);
  });

  it('reports a missing closing delimiter and applies nothing from the unterminated value', () => {
    const parse = parseEnvFile('before=1\nbody<<EOF\ntext\nx=2\nEOFF\n');
    assert.deepEqual([...parse.values], [['before', '1']]);
    assert.equal(parse.problems.length, 1);
    assert.match(parse.problems[0] ?? '', /^line 2: "body" .*no line is exactly "EOF"/);
  });

  it('does not accept a delimiter line with extra spaces', () => {
    const parse = parseEnvFile('body<<EOF\ntext\nEOF \n');
    assert.equal(parse.values.has('body'), false);
    assert.equal(parse.problems.length, 1);
  });

  it('returns nothing for an empty file', () => {
    const parse = parseEnvFile('');
    assert.equal(parse.values.size, 0);
    assert.deepEqual(parse.problems, []);
  });
});

describe('parsePathFile', () => {
  it('returns one directory per non-empty line, in order', () => {
    assert.deepEqual(parsePathFile('/opt/tool/bin\n\n/home/runner/.local/bin\r\nC:\\tools\\bin\n'), [
      '/opt/tool/bin',
      '/home/runner/.local/bin',
      'C:\\tools\\bin',
    ]);
  });

  it('keeps a last line without a newline and spaces inside a path', () => {
    assert.deepEqual(parsePathFile('/a b/bin\n/c'), ['/a b/bin', '/c']);
  });

  it('returns an empty list for an empty file', () => {
    assert.deepEqual(parsePathFile(''), []);
  });
});
