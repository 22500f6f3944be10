import { coerce, satisfies, validRange, type SemVer } from 'semver';

/** Which setup-* action reads the version: each accepts a few forms of its own besides semver ranges. */
export type VersionDialect = 'node' | 'python' | 'go' | 'java';

export type VersionCheck = { readonly kind: 'satisfied' } | { readonly kind: 'unsatisfied' } | { readonly kind: 'uncheckable'; readonly reason: string };

const SATISFIED: VersionCheck = { kind: 'satisfied' };
const UNSATISFIED: VersionCheck = { kind: 'unsatisfied' };
const uncheckable = (reason: string): VersionCheck => ({ kind: 'uncheckable', reason });

/** Node's LTS lines by the codename `lts/<name>` uses. */
const NODE_LTS: Readonly<Record<string, number>> = {
  argon: 4,
  boron: 6,
  carbon: 8,
  dubnium: 10,
  erbium: 12,
  fermium: 14,
  gallium: 16,
  hydrogen: 18,
  iron: 20,
  jod: 22,
  krypton: 24,
};

/** Names for the newest release: only the download list the action reads can resolve them. */
const NEWEST = /^(latest|current|node|stable|oldstable)$/i;

/**
 * Whether the host's version is one the workflow accepts. Ranges are npm's semver grammar, which
 * the setup-* actions use (`18`, `18.x`, `^20`, `~3.11.0`, `>=3.9 <3.13`, `18 || 20`); aliases that
 * name "the newest" of something cannot be checked without the network, and say so.
 */
export function checkVersion(requested: string, installed: string, dialect: VersionDialect): VersionCheck {
  const wanted = requested.trim();
  if (wanted === '') return SATISFIED;
  const host = hostSemver(installed, dialect);
  if (!host) return uncheckable(`this machine's version "${installed}" cannot be read`);
  if (NEWEST.test(wanted)) return uncheckable(`"${wanted}" means the newest release, which only the release list online can tell`);
  const form = dialect === 'node' ? nodeForm(wanted, host) : dialect === 'python' ? pythonForm(wanted) : dialect === 'java' ? javaForm(wanted) : wanted;
  if (typeof form !== 'string') return form;
  const range = validRange(form);
  if (range === null) return uncheckable(`"${wanted}" is not a version or range Shipshape can read`);
  return satisfies(host, range) ? SATISFIED : UNSATISFIED;
}

/** The host's version as semver: Go may print `1.22`, Java 8 and older `1.8.0`. */
function hostSemver(installed: string, dialect: VersionDialect): SemVer | null {
  return coerce(dialect === 'java' ? javaLegacy(installed) : installed);
}

/** Java 8 and older number themselves 1.N. */
const javaLegacy = (version: string): string => version.replace(/^1\.([1-8])(?=$|\.)/, '$1');

/** The range to check, or the verdict for an alias: each dialect function below does one of the two. */
type Form = VersionCheck | string;

/** `lts/<codename>` is one major line; `lts/*` and `lts/-1` name the newest lines, known only online. */
function nodeForm(wanted: string, host: SemVer): Form {
  const lts = /^lts\/(.+)$/i.exec(wanted);
  if (!lts) return wanted;
  const line = NODE_LTS[(lts[1] ?? '').toLowerCase()];
  if (line !== undefined) return host.major === line ? SATISFIED : UNSATISFIED;
  // Only even majors become LTS lines, so an odd one is never what lts/* asks for.
  if (host.major % 2 === 1) return UNSATISFIED;
  return uncheckable(`"${wanted}" means the newest LTS line(s), which only the release list online can tell`);
}

/** setup-python's own forms: `3.13-dev` (any 3.13, pre-releases too), free-threaded `3.13t`, other interpreters. */
function pythonForm(wanted: string): Form {
  if (/^(pypy|graalpy)/i.test(wanted)) return uncheckable(`"${wanted}" is another Python implementation than this machine's`);
  if (/^\d+(\.\d+)*t$/i.test(wanted)) return uncheckable(`"${wanted}" asks for a free-threaded build, which cannot be told apart here`);
  const dev = /^(\d+\.\d+)-dev$/i.exec(wanted);
  return dev ? `~${dev[1] ?? ''}.0-0` : wanted;
}

/** setup-java's own forms: `1.8` is 8; early-access builds (`21-ea`) cannot be told apart from releases. */
function javaForm(wanted: string): Form {
  if (/-ea$/i.test(wanted)) return uncheckable(`"${wanted}" asks for an early-access build, which cannot be told apart here`);
  return javaLegacy(wanted);
}
