import type { FromValidationWorker, ToValidationWorker } from './protocol';
import { validatePipelineWithPrograms } from '../validate';
import { outlineSource } from '../workflow-outline';
import { parseSourceReusing } from '../yaml/source-cache';
import { errorMessage } from '../../errors';

/** The worker end of a message channel (a worker_threads parentPort, or a fake in tests). */
export interface ServerPort {
  on(event: 'message', listener: (message: ToValidationWorker) => void): unknown;
  postMessage(message: FromValidationWorker): void;
}

/**
 * Answers validate messages, one answer each. The synchronous rules run as
 * the message arrives; a cancel that comes while the linters run stops them.
 * Says `ready` first: the code loaded.
 */
export function serveValidation(port: ServerPort): void {
  const running = new Map<number, AbortController>();
  port.on('message', (message) => {
    if (message.type === 'cancel') {
      running.get(message.id)?.abort();
      return;
    }
    const { id, request } = message;
    const controller = new AbortController();
    running.set(id, controller);
    validatePipelineWithPrograms({ ...request, azure: { ...request.azure, outline: true }, gitlab: { outline: true } }, controller.signal)
      .then(
        (result): FromValidationWorker => ({
          type: 'result',
          id,
          kind: result.kind,
          findings: result.findings,
          // The validation just parsed this text: the outline reuses that parse.
          ...(result.kind === 'github-workflow' ? { outline: outlineSource(parseSourceReusing(request.text, request.path)) } : {}),
          ...(result.azureOutline ? { azureOutline: result.azureOutline } : {}),
          ...(result.gitlabOutline ? { gitlabOutline: result.gitlabOutline } : {}),
        }),
        (error: unknown): FromValidationWorker => ({ type: 'failed', id, message: errorMessage(error) }),
      )
      .then((answer) => {
        running.delete(id);
        port.postMessage(answer);
      });
  });
  port.postMessage({ type: 'ready' });
}
