// The GitLab benchmark's printed table and ratio lines.
import { speedup } from './report.mjs';

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

export function formatGitLabReport(results) {
  const { machine, corpus, tools, edits, targets } = results;
  const shipshape = tools.find((tool) => tool.id === 'shipshape');
  const floor = tools.find((tool) => tool.id === 'ajv');
  const out = [
    `GitLab CI benchmark, ${results.date} — ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, load average ${fixed(machine.loadAverage1m.atStart, 2)} at start, ${fixed(machine.loadAverage1m.atEnd, 2)} at end`,
    `Shipshape ${results.shipshape}; floor: ${floor.name}, schema ${results.schema}`,
    `Corpus: ${corpus.files} files (${corpus.lines} lines) in ${corpus.repositories} roots, from ${corpus.dir}`,
    '',
  ];
  for (const tool of tools) {
    const flagged = tool.failedFiles === undefined ? '' : `, ${tool.failedFiles} files flagged`;
    out.push(
      `  ${tool.name.padEnd(40)} ${fixed(tool.medianPassMs / 1000, 3).padStart(6)} s a pass  (${fixed(tool.msPerFile, 3)} ms/file, median of ${tool.passes})  ${tool.findings} findings${flagged}${tool.internal.length ? `, ${tool.internal.length} internal` : ''}`,
    );
  }
  out.push('');
  out.push(
    `Shipshape's full check (includes, extends, !reference, checks; lint's path) against the raw-schema floor: ${speedup(floor.medianPassMs, shipshape.medianPassMs)}`,
  );
  out.push(`Shipshape's findings digest (sha256 of every finding; speed work keeps it): ${results.findingsDigest}`);
  out.push(`Re-validation of ${edits.file} (${edits.lines} lines, the largest) after a one-character edit in a script, ${edits.runs} edits:`);
  out.push(`  p50 ${fixed(edits.p50Ms, 2)} ms   p95 ${fixed(edits.p95Ms, 2)} ms   max ${fixed(edits.maxMs, 2)} ms`);
  out.push('');
  out.push('Targets (printed for comparison, not asserted):');
  out.push(
    `  faster than the floor: now ${fixed(shipshape.medianPassMs / floor.medianPassMs, 2)}x its time (${shipshape.medianPassMs < floor.medianPassMs ? 'met' : 'not met'})`,
  );
  out.push(`  re-validation p95 < ${targets.editP95Ms} ms: now ${fixed(edits.p95Ms, 2)} ms`);
  for (const line of shipshape.internal.slice(0, 5)) out.push(`  internal: ${line}`);
  return out.join('\n');
}
