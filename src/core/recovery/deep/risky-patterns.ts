/** What makes a committed file risky: its name, or a secret in it. Pure; no git. */

interface SecretPattern {
  readonly what: string;
  readonly pattern: RegExp;
  /** False when the match itself is not secret (a key's header line): shown as is. */
  readonly mask: boolean;
}

// Specific shapes only: a generic "password=" matches too much ordinary code and config.
const SECRET_PATTERNS: readonly SecretPattern[] = [
  { what: 'an AWS access key', pattern: /\bAKIA[0-9A-Z]{16}\b/g, mask: true },
  { what: 'a private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/g, mask: false },
  { what: 'a GitHub token', pattern: /\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/g, mask: true },
  { what: 'a Slack token', pattern: /\bxox[baprs]-[A-Za-z0-9-]{10,}/g, mask: true },
];

export interface SecretMatch {
  readonly what: string;
  /** The match as it may be shown: the first 4 characters, then a mask. */
  readonly masked: string;
  /** The full match, for comparing with the previous version; never shown. */
  readonly value: string;
}

/** Secrets in `text`, each distinct value once. Documentation's placeholder keys ("...EXAMPLE") are left out. */
export function findSecrets(text: string): SecretMatch[] {
  const found = new Map<string, SecretMatch>();
  for (const { what, pattern, mask } of SECRET_PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      const value = match[0];
      if (/EXAMPLE/i.test(value) || found.has(value)) continue;
      found.set(value, { what, value, masked: mask ? maskSecret(value) : value });
    }
  }
  return [...found.values()];
}

/** "AKIA…" style: enough to recognise which key, too little to use it. */
export function maskSecret(value: string): string {
  return `${value.slice(0, 4)}${'*'.repeat(Math.min(8, Math.max(0, value.length - 4)))}`;
}

const ENV_TEMPLATES = /^\.env\.(example|sample|template|dist|defaults?)$/i;
const TOKEN_IN_CONFIG = /(_authToken|_auth|_password)\s*=|^\s*password\s*[:=]|\bpassword\s+\S/im;

/**
 * Why a file's name alone makes it risky to commit, or undefined. Package
 * manager and network config files only count when they hold a credential.
 */
export function riskyName(path: string, content: string | undefined): string | undefined {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const lower = name.toLowerCase();
  if (lower === '.env' || (lower.startsWith('.env.') && !ENV_TEMPLATES.test(lower))) return 'an environment file';
  if (/^id_(rsa|dsa|ecdsa|ed25519)$/.test(lower)) return 'an SSH private key';
  if (/\.(pem|key)$/.test(lower)) return 'a key or certificate file';
  if (/\.(p12|pfx)$/.test(lower)) return 'a certificate bundle with its private key';
  if (/\.(jks|keystore)$/.test(lower)) return 'a keystore';
  if (lower === '.git-credentials') return 'stored git credentials';
  if (['.npmrc', '.pypirc', '.netrc', '_netrc'].includes(lower) && content !== undefined && TOKEN_IN_CONFIG.test(content)) return `a ${name} with a credential`;
  return undefined;
}
