export const USAGE = `Usage: shipshape <command> [options]

Shipshape brings the DevOps loop to the terminal: undo Git mistakes safely,
validate pipeline files, and run pipelines locally.

Commands:
  lint [PATH...]      Check GitHub Actions workflows, action.yml files, Azure
                      Pipelines and GitLab CI files (shipshape lint --help).
  expand FILE         Print an Azure Pipelines file with its templates expanded
                      (--param name=value sets a parameter), or a GitLab CI
                      file's merged configuration.
  doctor              What git mistake happened here, and the fixes for it.
  fix <fix-id> --yes  Apply a fix over a safety snapshot; fix --undo --yes undoes it.
  snapshots           List the safety snapshots taken before fixes.
  undo-commit SHA     Undo a commit: revert it once pushed, else drop it.
  restore-file [PATH] Bring back a file a commit deleted (no PATH: list them).
  reword MESSAGE      Change the last commit's message (only before pushing).
  move-to-branch NAME Move the last commits to a new branch (--count N).
  discard [PATH...]   Discard local changes; Undo brings them back.
  start-over          Reset the branch to its upstream; local commits kept.
                      These six print their plan; --yes applies it.
  plan                What a workflow would do for an event, and why
                      (shipshape plan --help for its options).
  run                 Run a workflow locally in an isolated worktree, no Docker
                      (shipshape run --help for its options).
  preflight           Check what "git push" would send: secrets, large files,
                      pipeline errors, branch state, what CI will run
                      (shipshape preflight --help for its options).
  hook install        Run preflight before each push (a pre-push hook);
                      hook uninstall removes it.
  help                Show this help.

Options:
  -h, --help          Show this help.
  -v, --version       Print the version.
  --untrusted         The repository is not trusted (a fork's pull request in CI;
                      also SHIPSHAPE_UNTRUSTED=1): lint, doctor, snapshots and plan
                      run git so that no program the repository configures runs
                      (fsmonitor, filters, diff drivers, hooks, gpg); run, fix and
                      the fix commands above refuse with exit 2.

Exit codes: 0 ok, 1 findings or failure, 2 usage or environment error.
`;
