import * as vscode from 'vscode';
import { deepScanResult } from '../../core/recovery/deep-scan-words';
import { toAbortSignal } from '../workspace';
import type { RecoveryModel, RecoveryState } from './recovery-model';

/**
 * The deep scan with a cancellable notification that ends when the scan ends
 * (never a "Done" that still offers Cancel); what it found is said after, in
 * a message of its own.
 */
export async function deepScanWithProgress(model: RecoveryModel): Promise<{ state: RecoveryState; result: string }> {
  const state = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Shipshape: deep scan for lost work', cancellable: true },
    async (progress, token) => {
      let reported = 0;
      return model.deepScan(toAbortSignal(token), (message, fraction) => {
        const increment = fraction === undefined ? undefined : Math.max(0, fraction * 100 - reported);
        if (fraction !== undefined) reported = fraction * 100;
        // The scan's last word ("Done") would sit beside Cancel while the view updates.
        progress.report({ message: fraction === 1 ? 'Updating Git Recovery' : message, ...(increment ? { increment } : {}) });
      });
    },
  );
  return { state, result: deepScanResult(model.deepFindings.map((situation) => situation.title)) };
}
