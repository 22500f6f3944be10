/** The handle VS Code gives a webview; acquired once per page. */
interface VsCodeApi<Out> {
  postMessage(message: Out): void;
}

declare function acquireVsCodeApi<Out>(): VsCodeApi<Out>;

/** Typed messaging to the extension, plus the ready handshake. */
export function connect<In, Out extends { type: string }>(onMessage: (message: In) => void): (message: Out) => void {
  const api = acquireVsCodeApi<Out>();
  window.addEventListener('message', (event: MessageEvent<In>) => onMessage(event.data));
  const post = (message: Out) => api.postMessage(message);
  post({ type: 'ready' } as Out);
  return post;
}
