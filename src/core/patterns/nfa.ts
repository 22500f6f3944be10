/**
 * A tiny nondeterministic automaton for glob-like patterns, simulated state set by
 * state set: matching costs at most (input length + 1) x (edges + epsilons), whatever
 * the pattern. Regexes built from user globs backtrack exponentially (`a*a*a*…b`),
 * so every user-supplied glob is matched through this instead.
 */
export type CharTest = (char: string) => boolean;

export interface NfaState {
  /** Consuming one character that passes `test` moves to `to`. */
  readonly edges: readonly { readonly test: CharTest; readonly to: number }[];
  /** States reachable without consuming anything. */
  readonly epsilons: readonly number[];
}

/** States 0..n-1 start at 0; state n (one past the last) accepts. */
export interface Nfa {
  readonly states: readonly NfaState[];
}

export interface NfaResult {
  readonly matched: boolean;
  /** Edges and epsilons followed: the work done, for tests that bound it. */
  readonly steps: number;
}

/** Adds `from` and everything its epsilons reach to `set`; returns the steps taken. */
function close(nfa: Nfa, set: Uint8Array, from: number): number {
  let steps = 0;
  const stack = [from];
  while (stack.length > 0) {
    const state = stack.pop() as number;
    if (set[state]) continue;
    set[state] = 1;
    for (const next of nfa.states[state]?.epsilons ?? []) {
      steps++;
      if (!set[next]) stack.push(next);
    }
  }
  return steps;
}

/**
 * Whether the whole input is accepted. Characters are UTF-16 units, as the patterns are
 * read, so a literal outside the BMP matches as its two halves.
 */
export function runNfa(nfa: Nfa, input: string): NfaResult {
  const size = nfa.states.length + 1;
  let current = new Uint8Array(size);
  let steps = close(nfa, current, 0);
  for (let i = 0; i < input.length; i++) {
    const char = input[i] ?? '';
    const next = new Uint8Array(size);
    let any = false;
    for (let state = 0; state < nfa.states.length; state++) {
      if (!current[state]) continue;
      for (const edge of nfa.states[state]?.edges ?? []) {
        steps++;
        if (!next[edge.to] && edge.test(char)) {
          steps += close(nfa, next, edge.to);
          any = true;
        }
      }
    }
    if (!any) return { matched: false, steps };
    current = next;
  }
  return { matched: current[nfa.states.length] === 1, steps };
}

/** One unit of a glob: a character test and how often it may repeat. */
export interface GlobUnit {
  readonly test: CharTest;
  readonly repeat: 'one' | 'optional' | 'some' | 'any';
}

/** Anything up to and including a `/`, or nothing: a `**\/` path prefix. */
export const ANY_FOLDERS = 'any-folders';

/** Builds the automaton of a sequence of units; `some` (one or more) is one then any. */
export function buildNfa(units: readonly (GlobUnit | typeof ANY_FOLDERS)[]): Nfa {
  const states: { edges: { test: CharTest; to: number }[]; epsilons: number[] }[] = [];
  const add = (): { edges: { test: CharTest; to: number }[]; epsilons: number[] } => {
    const state = { edges: [], epsilons: [] };
    states.push(state);
    return state;
  };
  for (const unit of units) {
    const at = states.length;
    if (unit === ANY_FOLDERS) {
      // at: skip the group, or enter it; at+1: inside, leaves only through a "/".
      add().epsilons.push(at + 2, at + 1);
      add().edges.push({ test: () => true, to: at + 1 }, { test: (char) => char === '/', to: at + 2 });
    } else if (unit.repeat === 'one') {
      add().edges.push({ test: unit.test, to: at + 1 });
    } else if (unit.repeat === 'optional') {
      const state = add();
      state.edges.push({ test: unit.test, to: at + 1 });
      state.epsilons.push(at + 1);
    } else if (unit.repeat === 'any') {
      const state = add();
      state.edges.push({ test: unit.test, to: at });
      state.epsilons.push(at + 1);
    } else {
      add().edges.push({ test: unit.test, to: at + 1 });
      const loop = add();
      loop.edges.push({ test: unit.test, to: at + 1 });
      loop.epsilons.push(at + 2);
    }
  }
  return { states };
}

/** A `*`-only wildcard pattern (runner labels): `*` matches anything, the rest is literal. */
export function wildcardNfa(pattern: string): Nfa {
  const units: GlobUnit[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] ?? '';
    units.push(char === '*' ? { test: () => true, repeat: 'any' } : { test: (c) => c === char, repeat: 'one' });
  }
  return buildNfa(units);
}
