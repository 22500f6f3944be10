export const HOST_APT_PACKAGES: readonly string[];
export const REQUIRED_NODE_MAJOR: number;
/** Throws a one-line SetupError unless `version` is Node 20.x. */
export function checkNodeVersion(version?: string): void;
/** Installs missing Debian packages as root; otherwise rejects with the exact apt-get line. */
export function ensureDebianPackages(packages?: readonly string[], options?: { isRoot?: boolean }): Promise<void>;
export function ensureProjectDependencies(): Promise<void>;
export function ensureHost(): Promise<void>;
export function ensureAll(options?: { host?: boolean }): Promise<void>;
