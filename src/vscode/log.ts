import * as vscode from 'vscode';
import type { Logger } from '../core/logger';
import { OUTPUT_CHANNEL_NAME } from './constants';

/** The single "Shipshape" LogOutputChannel; the user picks its level in the Output view. */
export function createLogChannel(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
}

/** The core Logger, backed by the channel. */
export function loggerFor(channel: vscode.LogOutputChannel): Logger {
  return {
    trace: (message, ...args) => channel.trace(message, ...args),
    debug: (message, ...args) => channel.debug(message, ...args),
    info: (message, ...args) => channel.info(message, ...args),
    warn: (message, ...args) => channel.warn(message, ...args),
    error: (message, ...args) => channel.error(message, ...args),
  };
}
