import type { PushTarget } from './types';

const ZERO = /^0+$/;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/**
 * git's pre-push standard input: one line per ref,
 * "<local ref> <local sha> <remote ref> <remote sha>"; a sha of zeros means
 * "none" (a new branch on the remote, or a deletion). Malformed lines are skipped. Pure.
 */
export function parsePushInput(text: string): PushTarget[] {
  return text.split('\n').flatMap((line): PushTarget[] => {
    const [localRef = '', localSha = '', remoteRef = '', remoteSha = ''] = line.trim().split(' ');
    if (!SHA.test(localSha) || !SHA.test(remoteSha) || remoteRef === '') return [];
    const deletion = ZERO.test(localSha);
    return [
      {
        localRef: deletion ? undefined : localRef,
        localSha: deletion ? undefined : localSha,
        remoteRef,
        remoteSha: ZERO.test(remoteSha) ? undefined : remoteSha,
      },
    ];
  });
}
