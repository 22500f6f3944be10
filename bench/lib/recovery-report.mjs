// Turns the recovery benchmark's figures into the printed table.

const fixed = (value, digits = 0) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const thousands = (value) => (Number.isFinite(value) ? value.toLocaleString('en-US') : 'n/a');

function table(header, rows) {
  const widths = header.map((cell, column) => Math.max(String(cell).length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? String(cell).padEnd(widths[column]) : String(cell).padStart(widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function formatRecoveryReport(results) {
  const { machine, sizes, targets } = results;
  const out = [];
  out.push(
    `Recovery benchmark, ${results.date} — ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, ${machine.git}, load average ${fixed(machine.loadAverage1m.atStart, 2)} at start, ${fixed(machine.loadAverage1m.atEnd, 2)} at end`,
  );
  out.push(
    `Shipshape ${results.shipshape}; deep pass ${results.deepAvailable ? 'available (DiagnoseOptions.deep)' : 'not available yet (no DiagnoseOptions.deep): only the raw fsck is measured'}`,
  );
  out.push('');
  out.push(
    table(
      ['repository', 'commits', 'reflog entries', 'refs', 'objects', 'made in'],
      sizes.map((size) => [
        size.label,
        thousands(size.repo.commits),
        size.repo.reflogEntries,
        size.repo.refs,
        thousands(size.repo.objects),
        `${fixed(size.repo.generateMs / 1000, 1)} s`,
      ]),
    ),
  );
  out.push('');
  const largest = sizes.at(-1);
  const row = (label, pick, target = '') => [label, ...sizes.map((size) => pick(size)), target];
  const rows = [
    row(
      `fast pass diagnose(), ms (median of ${sizes[0]?.fast.runs ?? 0})`,
      (size) => fixed(size.fast.diagnoseMs, 1),
      `< ${targets.fastPassMs} ms at ${thousands(largest?.repo.commits)}`,
    ),
    row('  raw git: the same commands, one after another, ms', (size) => `${fixed(size.fast.rawGitMs, 1)} (${size.fast.gitCalls} calls)`),
    row('  overhead: diagnose() - raw git, ms', (size) => fixed(size.fast.diagnoseMs - size.fast.rawGitMs, 1)),
    row('  calls that printed nothing (simple-git, before 2026-12, added 50 ms to each)', (size) => size.fast.silentGitCalls),
    row('readRecentActions(), ms', (size) => (size.recentActions ? fixed(size.recentActions.ms, 1) : 'n/a')),
    row(`deep pass diagnose({ deep: true }), ms (median of ${sizes[0]?.deep.runs ?? 0})`, (size) =>
      size.deep.diagnoseMs === undefined ? 'not available' : fixed(size.deep.diagnoseMs, 0),
    ),
    row('  git fsck --connectivity-only --no-reflogs --unreachable, ms', (size) => fixed(size.deep.fsckMs, 0)),
    ...(sizes.some((size) => size.deep.ownFsckMs !== undefined)
      ? [row("  the deep pass's own fsck alone (below), ms", (size) => fixed(size.deep.ownFsckMs, 0))]
      : []),
    row('  its git calls, those that printed nothing', (size) => (size.deep.gitCalls ? `${size.deep.gitCalls.length}, ${size.deep.silentGitCalls}` : 'n/a')),
    row(
      '  deep pass / the --unreachable fsck',
      (size) => (size.deep.diagnoseMs === undefined ? 'n/a' : `${fixed(size.deep.diagnoseMs / size.deep.fsckMs, 2)}x`),
      `<= ${targets.deepVsFsck}x`,
    ),
  ];
  out.push(table(['', ...sizes.map((size) => size.label), 'target'], rows));
  if (results.deepFsckArgs) out.push(`(the deep pass's own fsck: git ${results.deepFsckArgs.join(' ')})`);
  out.push('');
  out.push('Targets (printed for comparison, not asserted):');
  out.push(`  fast pass < ${targets.fastPassMs} ms at ${thousands(largest?.repo.commits)} commits: now ${fixed(largest?.fast.diagnoseMs, 1)} ms`);
  out.push(
    `  deep pass within ${targets.deepVsFsck}x of fsck: ${largest?.deep.diagnoseMs === undefined ? 'not measurable yet' : `now ${fixed(largest.deep.diagnoseMs / largest.deep.fsckMs, 2)}x at ${thousands(largest.repo.commits)} commits`}`,
  );
  for (const size of sizes)
    out.push(
      `  ${size.label}: the fast pass found ${size.fast.situations.join(', ') || 'nothing'}${size.deep.situations ? `; the deep pass ${size.deep.situations.join(', ') || 'nothing'}` : ''}`,
    );
  return out.join('\n');
}
