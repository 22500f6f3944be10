export const CODE_SERVER_ENTRY: string;
export const DETERMINISTIC_SETTINGS: Readonly<Record<string, unknown>>;
/** A free port on 127.0.0.1, or `requested` when it is free; a busy one rejects with a one-line SetupError. */
export function choosePort(requested?: number): Promise<number>;
export function startCodeServer(options?: Record<string, unknown>): Promise<unknown>;
