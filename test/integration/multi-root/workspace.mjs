// The multi-root suites open a .code-workspace of two repositories (and a second folder of one of them).
import { createMultiRootWorkspace } from '../../../scripts/lib/multi-root-workspace.mjs';

export function createWorkspace(scratch) {
  return createMultiRootWorkspace(scratch).workspaceFile;
}
