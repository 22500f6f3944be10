export const USAGE = `Usage: shipshape <command> [options]

Shipshape brings the DevOps loop to the terminal: undo Git mistakes safely,
validate pipeline files, and run pipelines locally.

Commands:
  lint [PATH...]      Check GitHub Actions workflows and action.yml files
                      (shipshape lint --help for its options).
  doctor              What git mistake happened here, and the fixes for it.
  fix <fix-id> --yes  Apply a fix over a safety snapshot; fix --undo --yes undoes it.
  snapshots           List the safety snapshots taken before fixes.
  help                Show this help.

Options:
  -h, --help          Show this help.
  -v, --version       Print the version.

Exit codes: 0 ok, 1 findings or failure, 2 usage or environment error.
`;
