/** The expanded pipeline as YAML text: what Azure DevOps' "Download full YAML" gives, offline. */
import { stringify } from 'yaml';
import type { ANode } from './tree';
import { keyText } from './tree';

function plain(node: ANode): unknown {
  if (node.kind === 'scalar') return node.value;
  if (node.kind === 'seq') return node.items.map(plain);
  const record: Record<string, unknown> = {};
  for (const entry of node.entries) record[keyText(entry)] = plain(entry.value);
  return record;
}

export function printExpanded(root: ANode | undefined): string {
  if (!root) return '';
  return stringify(plain(root), { lineWidth: 0, aliasDuplicateObjects: false });
}
