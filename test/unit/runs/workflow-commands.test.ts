import { strict as assert } from 'node:assert';
import { isAllowedStopToken, parseWorkflowCommand, WorkflowCommandReader } from '../../../src/core/runs/workflow-commands';

describe('parseWorkflowCommand', () => {
  it('parses an annotation with its properties', () => {
    const command = parseWorkflowCommand('::error file=src/app.ts,line=10,endLine=12,col=5,endColumn=9,title=Type error::Expected string');
    assert.deepEqual(command, {
      command: 'error',
      properties: { file: 'src/app.ts', line: '10', endLine: '12', col: '5', endColumn: '9', title: 'Type error' },
      message: 'Expected string',
    });
  });

  it('parses commands without properties or message', () => {
    assert.deepEqual(parseWorkflowCommand('::group::Install dependencies'), { command: 'group', properties: {}, message: 'Install dependencies' });
    assert.deepEqual(parseWorkflowCommand('::endgroup::'), { command: 'endgroup', properties: {}, message: '' });
    assert.deepEqual(parseWorkflowCommand('::debug::cache key is abc'), { command: 'debug', properties: {}, message: 'cache key is abc' });
    assert.deepEqual(parseWorkflowCommand('::add-mask::s3cr3t'), { command: 'add-mask', properties: {}, message: 's3cr3t' });
    assert.deepEqual(parseWorkflowCommand('::notice title=Deploy::done'), { command: 'notice', properties: { title: 'Deploy' }, message: 'done' });
  });

  it('parses the legacy commands so the runner can say they are disabled', () => {
    assert.deepEqual(parseWorkflowCommand('::set-output name=version::1.2.3'), { command: 'set-output', properties: { name: 'version' }, message: '1.2.3' });
    assert.deepEqual(parseWorkflowCommand('::save-state name=pid::42'), { command: 'save-state', properties: { name: 'pid' }, message: '42' });
    assert.deepEqual(parseWorkflowCommand('::set-env name=FOO::bar'), { command: 'set-env', properties: { name: 'FOO' }, message: 'bar' });
    assert.deepEqual(parseWorkflowCommand('::add-path::/opt/bin'), { command: 'add-path', properties: {}, message: '/opt/bin' });
  });

  it('matches command names case-insensitively and returns them in lower case', () => {
    assert.equal(parseWorkflowCommand('::WARNING::careful')?.command, 'warning');
    assert.equal(parseWorkflowCommand('::EndGroup::')?.command, 'endgroup');
  });

  it('matches property names case-insensitively, returning the documented spelling', () => {
    assert.deepEqual(parseWorkflowCommand('::error FILE=a.ts,EndLine=3,Line=1::x')?.properties, { file: 'a.ts', endLine: '3', line: '1' });
  });

  it('allows leading whitespace, as the runner trims it', () => {
    assert.equal(parseWorkflowCommand('   \t::warning::indented')?.message, 'indented');
  });

  it('ignores lines that are not commands', () => {
    assert.equal(parseWorkflowCommand('npm WARN deprecated'), undefined);
    assert.equal(parseWorkflowCommand('::'), undefined);
    assert.equal(parseWorkflowCommand('::error'), undefined, 'no closing ::');
    assert.equal(parseWorkflowCommand('x ::error::not at the start'), undefined);
    assert.equal(parseWorkflowCommand(':: error::space before the name'), undefined);
    assert.equal(parseWorkflowCommand('::made-up::unknown command'), undefined);
    assert.equal(parseWorkflowCommand('std::vector<int>::iterator'), undefined);
    assert.equal(parseWorkflowCommand(''), undefined);
  });

  it('unescapes the message: %25, %0D, %0A only', () => {
    const command = parseWorkflowCommand('::error::line one%0Aline two%0D%0A100%25 done, a%3Ab%2Cc');
    assert.equal(command?.message, 'line one\nline two\r\n100% done, a%3Ab%2Cc');
  });

  it('unescapes %25 last, so an escaped escape stays literal', () => {
    assert.equal(parseWorkflowCommand('::debug::%250A')?.message, '%0A');
  });

  it('unescapes property values, including %3A and %2C', () => {
    const command = parseWorkflowCommand('::error file=C%3A\\src\\a.ts,title=one%2C two%0Athree%25::m');
    assert.deepEqual(command?.properties, { file: 'C:\\src\\a.ts', title: 'one, two\nthree%' });
  });

  it('keeps everything after the second :: in the message, including more ::', () => {
    assert.equal(parseWorkflowCommand('::notice::see std::string:: here ')?.message, 'see std::string:: here ');
  });

  it('drops property pairs without a key or value, like the runner', () => {
    assert.deepEqual(parseWorkflowCommand('::error file=a.ts,,line=,=3,col::m')?.properties, { file: 'a.ts' });
  });

  it('lets a repeated property take its later value', () => {
    assert.deepEqual(parseWorkflowCommand('::error line=1,line=2::m')?.properties, { line: '2' });
  });

  it('keeps a property named __proto__ as plain data', () => {
    const properties = parseWorkflowCommand('::error __proto__=x,file=a::m')?.properties ?? {};
    assert.equal(Object.getPrototypeOf(properties), Object.prototype);
    assert.equal(Object.getOwnPropertyDescriptor(properties, '__proto__')?.value, 'x');
  });

  it('drops a trailing carriage return from CRLF output', () => {
    assert.equal(parseWorkflowCommand('::warning::from windows\r')?.message, 'from windows');
  });

  it('parses the older ##[command] form anywhere in the line', () => {
    assert.deepEqual(parseWorkflowCommand('2024-01-01T00:00:00Z ##[warning file=a.ts;line=3]a%3Bb%5D'), {
      command: 'warning',
      properties: { file: 'a.ts', line: '3' },
      message: 'a;b]',
    });
    assert.equal(parseWorkflowCommand('##[section]Starting'), undefined, 'not a registered command');
  });
});

describe('WorkflowCommandReader', () => {
  it('reads commands like parseWorkflowCommand', () => {
    const reader = new WorkflowCommandReader();
    assert.equal(reader.read('::group::Build')?.command, 'group');
    assert.equal(reader.read('compiling...'), undefined);
    assert.equal(reader.read('::endgroup::')?.command, 'endgroup');
  });

  it('ignores commands between ::stop-commands::TOKEN and ::TOKEN::', () => {
    const reader = new WorkflowCommandReader();
    const stop = reader.read('::stop-commands::pause-7f3a9c');
    assert.deepEqual(stop, { command: 'stop-commands', properties: {}, message: 'pause-7f3a9c' });
    assert.equal(reader.isStopped, true);

    assert.equal(reader.read('::error::printed from an untrusted file'), undefined);
    assert.equal(reader.read('::add-mask::not really'), undefined);
    assert.equal(reader.read('::other-token::'), undefined);
    assert.equal(reader.read('::stop-commands::again'), undefined);
    assert.equal(reader.isStopped, true);

    // The resume line is plain output too; after it, commands count again.
    assert.equal(reader.read('::pause-7f3a9c::'), undefined);
    assert.equal(reader.isStopped, false);
    assert.equal(reader.read('::error::real')?.message, 'real');
  });

  it('resumes on the token case-insensitively, with leading whitespace or the ##[ form', () => {
    const first = new WorkflowCommandReader();
    first.read('::stop-commands::MyToken123');
    first.read('  ::mytoken123::');
    assert.equal(first.isStopped, false);

    const second = new WorkflowCommandReader();
    second.read('::stop-commands::MyToken123');
    second.read('##[MYTOKEN123]');
    assert.equal(second.isStopped, false);
  });

  it('does not resume on the token as mere text', () => {
    const reader = new WorkflowCommandReader();
    reader.read('::stop-commands::tok-42');
    reader.read('tok-42');
    reader.read('::tok-42');
    reader.read('::tok-420::');
    assert.equal(reader.isStopped, true);
  });

  it('refuses a stop token that is empty, pause-logging or a command name, and keeps processing', () => {
    for (const token of ['', 'pause-logging', 'PAUSE-LOGGING', 'error', 'Add-Mask']) {
      assert.equal(isAllowedStopToken(token), false, token);
      const reader = new WorkflowCommandReader();
      assert.equal(reader.read(`::stop-commands::${token}`)?.command, 'stop-commands', 'returned so it can be reported');
      assert.equal(reader.isStopped, false, token);
      assert.equal(reader.read('::error::still a command')?.command, 'error', token);
    }
    assert.equal(isAllowedStopToken('a1b2c3'), true);
  });

  it('accepts refused tokens with the unsecure opt-in; an empty one never resumes', () => {
    const reader = new WorkflowCommandReader({ allowUnsecureStopTokens: true });
    reader.read('::stop-commands::error');
    assert.equal(reader.read('::warning::w'), undefined);
    assert.equal(reader.read('::error::resumes'), undefined);
    assert.equal(reader.isStopped, false);

    const empty = new WorkflowCommandReader({ allowUnsecureStopTokens: true });
    empty.read('::stop-commands::');
    empty.read('::::');
    assert.equal(empty.isStopped, true);
  });

  it('tracks the deprecated ::echo::on/off', () => {
    const reader = new WorkflowCommandReader();
    assert.equal(reader.echoesCommands, false);
    assert.equal(reader.read('::echo::on')?.command, 'echo');
    assert.equal(reader.echoesCommands, true);
    reader.read('::echo:: OFF ');
    assert.equal(reader.echoesCommands, false);
    reader.read('::echo::maybe');
    assert.equal(reader.echoesCommands, false, 'an invalid value changes nothing');
    assert.equal(new WorkflowCommandReader({ echoCommands: true }).echoesCommands, true);
  });

  it('does not act on ::echo:: while stopped', () => {
    const reader = new WorkflowCommandReader();
    reader.read('::stop-commands::t0k3n');
    assert.equal(reader.read('::echo::on'), undefined);
    assert.equal(reader.echoesCommands, false);
  });
});
