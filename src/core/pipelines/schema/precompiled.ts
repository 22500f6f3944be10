import type { ValidateFunction } from 'ajv';

/**
 * Ahead-of-time compiled validators, keyed by schema name. esbuild.js
 * replaces this module with ajv standalone code when it bundles the extension
 * and the CLI (loading them takes ~12 ms instead of ~280 ms compiling). Run
 * from source (tests, tsx), it is empty and the schemas compile on first use.
 */
export const PRECOMPILED: Readonly<Record<string, ValidateFunction | undefined>> = {};
