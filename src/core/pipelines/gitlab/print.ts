/** The merged configuration as YAML text: what GitLab's pipeline editor calls the full configuration, offline. */
import { stringify } from 'yaml';
import { keyText, type ANode } from '../yaml/located-tree';
import { referenceText } from './references';

function plain(node: ANode): unknown {
  if (node.kind === 'scalar') return node.value;
  // A reference left unresolved (not found, or in an include not read offline) is shown as written.
  if (node.kind === 'seq') return node.reference ? referenceText(node.items.map((item) => String(plain(item)))) : node.items.map(plain);
  const record: Record<string, unknown> = {};
  for (const entry of node.entries) record[keyText(entry)] = plain(entry.value);
  return record;
}

export function printMerged(root: ANode | undefined): string {
  if (!root) return '';
  return stringify(plain(root), { lineWidth: 0, aliasDuplicateObjects: false });
}
