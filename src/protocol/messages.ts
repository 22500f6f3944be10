/**
 * The envelope every webview shares: the host owns state and pushes a
 * snapshot; the webview says it is ready and sends intents. Each panel
 * narrows these with its own unions (see wizard.ts).
 */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** A shallow structural check the host runs on every inbound message before trusting it. */
export function hasType(value: unknown): value is { type: string } {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}
