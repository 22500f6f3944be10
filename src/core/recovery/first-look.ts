import { diagnoseWithFacts, type DiagnoseOptions } from './diagnose';

/**
 * The wizard's first look: the fast pass plus the bounded scan of unpushed commits (as `shipshape
 * doctor`), so a secret committed but not pushed is found without a deep scan (no fsck).
 */
export function firstLook(dir: string, options: DiagnoseOptions = {}): ReturnType<typeof diagnoseWithFacts> {
  return diagnoseWithFacts(dir, { ...options, deep: false, unpushed: true });
}
