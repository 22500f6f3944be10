// The Azure benchmark's printed table and ratio lines.
import { speedup } from './report.mjs';

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

export function formatAzureReport(results) {
  const { machine, corpus, tools, edits, targets } = results;
  const shipshape = tools.find((tool) => tool.id === 'shipshape');
  const peer = tools.find((tool) => tool.id === 'languageservice');
  const standIn = tools.find((tool) => tool.id === 'standin');
  const sized = tools.find((tool) => tool.id === 'standin-sized');
  const out = [
    `Azure Pipelines benchmark, ${results.date} — ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, load average ${fixed(machine.loadAverage1m.atStart, 2)} at start, ${fixed(machine.loadAverage1m.atEnd, 2)} at end`,
    `Shipshape ${results.shipshape}; ${results.peer.package}, schema: ${results.peer.schema}`,
    ...(results.peer.standIn
      ? [
          `  and again with a stand-in schema: ${results.peer.standIn.what}; ${Math.round(results.peer.standIn.bytes / 1024)} KB, ${results.peer.standIn.tasks} task branches`,
          ...(results.peer.sizedStandIn
            ? [
                `  and with ${results.peer.sizedStandIn.what}; ${Math.round(results.peer.sizedStandIn.bytes / 1024)} KB, ${results.peer.sizedStandIn.tasks} task branches`,
              ]
            : []),
        ]
      : []),
    `Corpus: ${corpus.files} files (${corpus.lines} lines) in ${corpus.repositories} repositories, each its own root, from ${corpus.dir}`,
    '',
  ];
  for (const tool of tools) {
    out.push(
      `  ${tool.name.padEnd(48)} ${fixed(tool.msPerFile, 3).padStart(7)} ms/file  (pass ${fixed(tool.medianPassMs, 0)} ms, median of ${tool.passes})  ${tool.findings} findings${tool.internal.length ? `, ${tool.internal.length} internal` : ''}`,
    );
  }
  out.push('');
  out.push(
    `Shipshape (templates expanded, lint's path) against the language service${standIn ? ' with an empty schema (a lower bound of its cost)' : ''}: ${speedup(peer.medianPassMs, shipshape.medianPassMs)}`,
  );
  if (standIn)
    out.push(
      `Shipshape against the language service with the stand-in schema (Microsoft's construction, not Microsoft's schema): ${speedup(standIn.medianPassMs, shipshape.medianPassMs)}`,
    );
  if (sized)
    out.push(
      `Shipshape against the language service with the stand-in at Microsoft's size (its task branches, not its schema): ${speedup(sized.medianPassMs, shipshape.medianPassMs)}`,
    );
  out.push(`Shipshape's findings digest (sha256 of every finding; speed work keeps it): ${results.findingsDigest}`);
  out.push(`Re-validation of ${edits.file} (${edits.lines} lines, the largest) after a one-character edit in a script, ${edits.runs} edits:`);
  out.push(`  p50 ${fixed(edits.p50Ms, 2)} ms   p95 ${fixed(edits.p95Ms, 2)} ms   max ${fixed(edits.maxMs, 2)} ms`);
  out.push('');
  out.push('Targets (printed for comparison, not asserted):');
  out.push(
    `  >= ${targets.speedupVsLanguageService}x the language service: now ${fixed(peer.medianPassMs / shipshape.medianPassMs, 2)}x${standIn ? ` (empty schema), ${fixed(standIn.medianPassMs / shipshape.medianPassMs, 2)}x (stand-in schema)` : ''}${sized ? `, ${fixed(sized.medianPassMs / shipshape.medianPassMs, 2)}x (stand-in at Microsoft's size)` : ''}; against the ~${targets.languageServiceMsPerFile} ms a file measured with Microsoft's schema: ${fixed(targets.languageServiceMsPerFile / shipshape.msPerFile, 2)}x`,
  );
  out.push(`  re-validation p95 < ${targets.editP95Ms} ms: now ${fixed(edits.p95Ms, 2)} ms`);
  for (const line of shipshape.internal.slice(0, 5)) out.push(`  internal: ${line}`);
  return out.join('\n');
}
