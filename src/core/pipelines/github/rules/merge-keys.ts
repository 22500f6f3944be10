import type { Node as YamlNode } from 'yaml';
import type { Rule } from '../../rule';
import { isMap, isPair, isScalar, isSeq } from '../../yaml/identity';

/**
 * GitHub Actions reads anchors and aliases (since September 2025) but not YAML merge keys: a
 * workflow with `<<: *defaults` fails to load on GitHub, though most YAML tools accept it.
 */
export const mergeKeysRule: Rule = {
  id: 'syntax-check',
  kinds: ['github-workflow'],
  defaultSeverity: 'error',
  description: 'YAML merge keys (<<) are not supported in GitHub Actions workflows.',
  check(context) {
    if (!context.source.text.includes('<<')) return; // the common case: no walk
    const visit = (node: unknown): void => {
      if (isSeq(node)) for (const item of node.items) visit(item);
      if (!isMap(node)) return;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        // A quoted "<<" is an ordinary key; only the plain one is YAML's merge key.
        if (isScalar(pair.key) && pair.key.type === 'PLAIN' && pair.key.source === '<<') {
          context.report({
            message: 'GitHub Actions does not support YAML merge keys ("<<"): write these keys out, or reuse the whole mapping with an alias (key: *anchor).',
            at: pair.key as YamlNode,
          });
        }
        visit(pair.value);
      }
    };
    visit(context.source.doc.contents);
  },
};
