// The validation worker's entry point: esbuild bundles it as dist/validation-worker.js.
import { parentPort } from 'node:worker_threads';
import { serveValidation } from './validation-server';

if (parentPort) serveValidation(parentPort);
