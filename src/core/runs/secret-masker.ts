// Replaces secrets in step output by `***`, following actions/runner's SecretMasker: every value
// is also registered in the encodings the runner registers (HostContext's value encoders), a
// multi-line secret also masks each of its trimmed lines (the runner's job setup does that, with
// no minimum length), and matches that overlap or touch collapse into a single `***`.

/** The runner's value encoders: the forms a secret takes when a tool prints it re-encoded. */
const ENCODINGS: readonly ((value: string) => string)[] = [
  (value) => Buffer.from(value, 'utf8').toString('base64'),
  // base64(prefix + secret) encodes the secret differently per prefix length mod 3; these two
  // cover the other alignments, e.g. base64("user:" + password) in an Authorization header.
  (value) => base64WithoutFirstBytes(value, 1),
  (value) => base64WithoutFirstBytes(value, 2),
  (value) => value.replaceAll("'", "''"), // inside a '...' expression string
  (value) => JSON.stringify(value).slice(1, -1),
  uriDataEscape,
  (value) => value.replace(/[&<>"']/g, (char) => XML_ENTITIES[char] ?? char),
  // A quoted value printed by a shell that strips the quotes (the runner: longer than 8 only).
  (value) => (value.length > 8 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : ''),
];

const XML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function base64WithoutFirstBytes(value: string, count: number): string {
  const bytes = Buffer.from(value, 'utf8');
  return (bytes.length > count ? bytes.subarray(count) : bytes).toString('base64');
}

/** .NET's Uri.EscapeDataString: like encodeURIComponent, but `!'()*` are escaped too. */
function uriDataEscape(value: string): string {
  try {
    return encodeURIComponent(value).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    return ''; // a lone surrogate cannot be URI-encoded, so it cannot appear that way either
  }
}

function escapeForRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
}

export class SecretMasker {
  private readonly secrets = new Set<string>();
  /** Every string that is masked: the secrets, their lines and their encodings. */
  private readonly maskedValues = new Set<string>();
  /** One alternation of every masked value, longest first; built on the next mask() after a change. */
  private pattern: RegExp | undefined;

  /** Ignores empty and whitespace-only values. */
  add(secret: string): void {
    if (secret.trim() === '' || this.secrets.has(secret)) return;
    this.secrets.add(secret);

    const forms = new Set([secret, secret.trim()]);
    // Output is read line by line, so each line of a multi-line secret must be masked on its own.
    for (const line of secret.split(/\r\n|\r|\n/)) forms.add(line.trim());
    for (const form of forms) {
      if (form === '') continue;
      this.maskedValues.add(form);
      for (const encode of ENCODINGS) {
        const encoded = encode(form);
        if (encoded !== '') this.maskedValues.add(encoded);
      }
    }
    this.pattern = undefined;
  }

  /** How many distinct secrets were added (their lines and encodings not counted). */
  get size(): number {
    return this.secrets.size;
  }

  /** Whether `text` holds a secret (or one of its lines or encodings). */
  holds(text: string): boolean {
    return this.mask(text) !== text;
  }

  mask(text: string): string {
    if (this.maskedValues.size === 0 || text === '') return text;
    const pattern = (this.pattern ??= this.buildPattern());

    let masked = '';
    let copiedUpTo = 0;
    let rangeStart = -1;
    let rangeEnd = -1;
    pattern.lastIndex = 0;
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const start = match.index;
      const end = start + match[0].length;
      if (rangeStart >= 0 && start <= rangeEnd) {
        rangeEnd = Math.max(rangeEnd, end);
      } else {
        if (rangeStart >= 0) {
          masked += `${text.slice(copiedUpTo, rangeStart)}***`;
          copiedUpTo = rangeEnd;
        }
        rangeStart = start;
        rangeEnd = end;
      }
      // Look again from the next character: another secret may start inside this one and reach further.
      pattern.lastIndex = start + 1;
    }
    if (rangeStart < 0) return text;
    return `${masked}${text.slice(copiedUpTo, rangeStart)}***${text.slice(rangeEnd)}`;
  }

  private buildPattern(): RegExp {
    // At one position the first alternative that matches wins, so the longest goes first.
    const values = [...this.maskedValues].sort((a, b) => b.length - a.length);
    return new RegExp(values.map(escapeForRegExp).join('|'), 'g');
  }
}

/** Every string in a value (an update, a record) with the secrets masked; the value itself is not changed. */
export function maskDeep<T>(value: T, masker: SecretMasker): T {
  if (masker.size === 0) return value;
  return maskAny(value, masker) as T;
}

function maskAny(value: unknown, masker: SecretMasker): unknown {
  if (typeof value === 'string') return masker.mask(value);
  if (Array.isArray(value)) return value.map((item) => maskAny(item, masker));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, maskAny(item, masker)]));
  return value;
}
