/**
 * Every process group a step starts, announced to one listener of this process. The run worker
 * passes them to the editor so that, should the worker itself die, nothing it started survives.
 */
export type ProcessGroupListener = (group: number) => void;

let listener: ProcessGroupListener | undefined;

/** Sets (or clears) the one listener; the run worker sets it at start. */
export function onProcessGroupStarted(next: ProcessGroupListener | undefined): void {
  listener = next;
}

export function announceProcessGroup(group: number): void {
  try {
    listener?.(group);
  } catch {
    // A listener's failure must not stop the step it was told about.
  }
}
