// The editing workload: a ~1,000-line real workflow and a series of
// one-character edits inside `run:` scripts, as someone typing in a step.
const PREFERRED = 'pydantic__pydantic/.github/workflows/ci.yml';
const TARGET_LINES = 1000;

/**
 * A real workflow of about 1,000 lines: the preferred one when present, else
 * the workflow nearest 1,000 lines, else the first ~1,000 lines of the largest
 * one, shortened until it parses cleanly.
 */
export function pickEditFile(files, parsesCleanly) {
  const workflows = files.filter((file) => !file.isAction);
  const preferred = workflows.find((file) => file.id === PREFERRED);
  if (preferred) return { file: preferred, note: 'real file' };
  const nearest = [...workflows].sort((a, b) => Math.abs(a.lines - TARGET_LINES) - Math.abs(b.lines - TARGET_LINES))[0];
  if (nearest && Math.abs(nearest.lines - TARGET_LINES) <= 300) return { file: nearest, note: 'real file' };
  const largest = [...workflows].sort((a, b) => b.lines - a.lines)[0];
  if (!largest) return undefined;
  const lines = largest.text.split('\n');
  for (let count = TARGET_LINES; count > TARGET_LINES / 2; count--) {
    const text = `${lines.slice(0, count).join('\n')}\n`;
    if (parsesCleanly(text, largest.path)) return { file: { ...largest, text, lines: count }, note: `first ${count} lines` };
  }
  return undefined;
}

/** GitHub's script key; Azure's are `SCRIPT_KEYS.azure`, GitLab's `SCRIPT_KEYS.gitlab` (lists of lines, mostly). */
export const SCRIPT_KEYS = { github: ['run'], azure: ['script', 'bash', 'pwsh', 'powershell'], gitlab: ['script', 'before_script', 'after_script'] };

/**
 * Offsets of letters inside script values (`run:` or the given keys; inline, block, or a list below
 * the key), outside `${{ }}` and `$[[ ]]`; lines with a tag (`!reference [...]`) are left alone.
 */
export function runScriptLetterOffsets(text, keys = SCRIPT_KEYS.github) {
  const scriptKey = new RegExp(`^(\\s*)(?:-\\s+)?(?:${keys.join('|')}):[ \\t]*(.*)$`);
  const offsets = [];
  const lines = text.split('\n');
  let offset = 0;
  let blockIndent = -1; // indentation of the `run:` key while inside its block scalar (or the list below it)
  let listBelow = false; // the key had no value: its list's `- ` may sit at the key's own indentation
  for (const line of lines) {
    const indent = line.length - line.trimStart().length;
    const sameIndentItem = listBelow && indent === blockIndent && line.trimStart().startsWith('- ');
    if (blockIndent >= 0 && line.trim() !== '' && indent <= blockIndent && !sameIndentItem) blockIndent = -1;
    const runKey = scriptKey.exec(line);
    let valueStart = -1;
    if (runKey) {
      const value = runKey[2] ?? '';
      listBelow = value === '' || value.startsWith('#');
      if (/^[|>]/.test(value) || listBelow) blockIndent = (runKey[1] ?? '').length;
      else valueStart = line.length - value.length;
    } else if (blockIndent >= 0 && !/![A-Za-z]/.test(line) && !(listBelow && line.trimStart().startsWith('#'))) {
      valueStart = 0;
    }
    if (valueStart >= 0) {
      let inExpression = false;
      for (let column = valueStart; column < line.length; column++) {
        if (line.startsWith('${{', column) || line.startsWith('$[[', column)) inExpression = true;
        if (line.startsWith('}}', column) || line.startsWith(']]', column)) inExpression = false;
        if (!inExpression && /[A-Za-z]/.test(line[column] ?? '')) offsets.push(offset + column);
      }
    }
    offset += line.length + 1;
  }
  return offsets;
}

/** `count` successive texts, each one character different from the one before. */
export function* oneCharacterEdits(text, count, keys = SCRIPT_KEYS.github) {
  const offsets = runScriptLetterOffsets(text, keys);
  if (offsets.length === 0) throw new Error(`no ${keys.join('/')} script to edit in the chosen file`);
  let current = text;
  for (let index = 0; index < count; index++) {
    // Spread the edits over the whole file, not just its first script.
    const at = offsets[Math.floor(((index * 7919) % count) * (offsets.length / count))] ?? offsets[0];
    const replacement = current[at] === 'x' ? 'y' : 'x';
    current = current.slice(0, at) + replacement + current.slice(at + 1);
    yield { text: current, offset: at };
  }
}
