// Turns the Markdown tree into DOM with el()/textContent: no markup from the summary ever parses.
import { el } from '../shared/dom';
import type { MdBlock, MdInline, MdListItem } from './markdown';

function inline(nodes: readonly MdInline[]): Node[] {
  return nodes.map((node): Node => {
    switch (node.kind) {
      case 'text':
        return document.createTextNode(node.text);
      case 'code':
        return el('code', {}, node.text);
      case 'break':
        return el('br');
      case 'strong':
        return el('strong', {}, ...inline(node.children));
      case 'em':
        return el('em', {}, ...inline(node.children));
      case 'del':
        return el('del', {}, ...inline(node.children));
      case 'link':
        // Only http(s) hrefs reach here; VS Code opens them outside the webview.
        return node.href
          ? el('a', { href: node.href, title: node.href }, ...inline(node.children))
          : el('span', { class: 'md-link-text' }, ...inline(node.children));
    }
  });
}

function listItem(item: MdListItem): HTMLElement {
  const box =
    item.checked === undefined
      ? false
      : el('input', { type: 'checkbox', disabled: '', ...(item.checked ? { checked: '' } : {}), 'aria-label': item.checked ? 'done' : 'not done' });
  const [first, ...rest] = item.children;
  // The item's first paragraph sits on the marker's line (and beside its box), as GitHub shows it.
  const lead = first?.kind === 'paragraph' ? [el('span', {}, ...inline(first.children))] : blocks(first ? [first] : []);
  return el('li', item.checked === undefined ? {} : { class: 'task' }, box, ...lead, ...blocks(rest));
}

/** Blocks as DOM. */
export function blocks(list: readonly MdBlock[]): Node[] {
  return list.map((block): Node => {
    switch (block.kind) {
      case 'heading':
        // Summary headings sit under the panel's own: h1 becomes h3, and so on.
        return el(`h${Math.min(6, block.level + 2)}` as 'h3', { class: 'md-heading' }, ...inline(block.children));
      case 'paragraph':
        return el('p', {}, ...inline(block.children));
      case 'code':
        return el('pre', { class: 'md-code', tabindex: '0' }, el('code', {}, block.text));
      case 'rule':
        return el('hr');
      case 'quote':
        return el('blockquote', {}, ...blocks(block.children));
      case 'list': {
        const items = block.items.map(listItem);
        return block.ordered ? el('ol', block.start === 1 ? {} : { start: String(block.start) }, ...items) : el('ul', {}, ...items);
      }
      case 'table': {
        const cell = (tag: 'th' | 'td', content: readonly MdInline[], column: number) =>
          el(tag, block.align[column] ? { class: `align-${block.align[column]}` } : {}, ...inline(content));
        return el(
          'div',
          { class: 'md-table-wrap' },
          el(
            'table',
            { class: 'md-table' },
            el('thead', {}, el('tr', {}, ...block.header.map((content, column) => cell('th', content, column)))),
            el('tbody', {}, ...block.rows.map((row) => el('tr', {}, ...row.map((content, column) => cell('td', content, column))))),
          ),
        );
      }
    }
  });
}
