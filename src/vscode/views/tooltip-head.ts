/**
 * A tree row's label and description can be cut off in a narrow sidebar; its hover must then show
 * them whole. The first line of every tooltip is the row's text (label · description) unless the
 * tooltip already holds it. Pure: no `vscode` here, so it is unit-tested.
 */
export function tooltipHead(label: string, description: string | undefined, body: string | undefined): string | undefined {
  const head = description ? `${label} · ${description}` : label;
  if (!body) return head;
  const missing = [label, description].filter((part): part is string => Boolean(part) && !body.includes(part as string));
  return missing.length === 0 ? undefined : head;
}

/** The whole hover: the row's text first, then the tooltip unless the row's text already says it. */
export function wholeTooltip(label: string, description: string | undefined, body: string | undefined): string | undefined {
  const head = tooltipHead(label, description, body);
  if (head === undefined) return undefined;
  return body && !head.includes(body) ? `${head}\n${body}` : head;
}
