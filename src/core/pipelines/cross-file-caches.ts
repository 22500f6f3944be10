import { forgetLocalActions } from './github/action-metadata';
import { forgetCompiledGlobs } from './github/data/globs';
import { forgetActionLookups } from './github/data/popular-actions';
import { forgetParsedExpressions } from './github/rules/expression';
import { forgetReusableWorkflows } from './github/workflow-call-metadata';
import { forgetParsedSources } from './yaml/source-cache';

/**
 * Forgets everything a GitHub validation keeps from the files it has seen (their parses, `${{ }}`
 * parses, reusable workflows and local actions read, glob patterns compiled, `uses:` looked up), so
 * the next validation starts as the first one of a process does. Tables built once from the
 * built-in data (availability rows, webhook payload types, one object per popular-action record)
 * are kept: they depend on no file.
 * For benchmarks (bench/run.mjs, "no cross-file caches") and tests.
 */
export function forgetCrossFileCaches(): void {
  forgetParsedSources();
  forgetParsedExpressions();
  forgetReusableWorkflows();
  forgetLocalActions();
  forgetCompiledGlobs();
  forgetActionLookups();
}
