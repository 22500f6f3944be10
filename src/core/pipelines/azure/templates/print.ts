/** The expanded pipeline as YAML text: what Azure DevOps' "Download full YAML" gives, offline. */
import { stringify } from 'yaml';
import type { ANode } from './tree';
import { keyText } from './tree';

/** Azure reads every scalar as text; printed, `2` and `true` need no quotes (Azure reads them back the same). */
function printable(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (/^(true|false)$/.test(value)) return value === 'true';
  if (/^-?(0|[1-9]\d*)(\.\d*[1-9])?$/.test(value) && String(Number(value)) === value) return Number(value);
  return value;
}

function plain(node: ANode): unknown {
  if (node.kind === 'scalar') return printable(node.value);
  if (node.kind === 'seq') return node.items.map(plain);
  const record: Record<string, unknown> = {};
  for (const entry of node.entries) record[keyText(entry)] = plain(entry.value);
  return record;
}

export function printExpanded(root: ANode | undefined): string {
  if (!root) return '';
  return stringify(plain(root), { lineWidth: 0, aliasDuplicateObjects: false });
}
