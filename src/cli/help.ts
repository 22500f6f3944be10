export const USAGE = `Usage: shipshape <command> [options]

Shipshape brings the DevOps loop to the terminal: undo Git mistakes safely,
validate pipeline files, and run pipelines locally.

Commands:
  lint [PATH...]      Check GitHub Actions workflows and action.yml files
                      (shipshape lint --help for its options).
  help                Show this help.

Options:
  -h, --help          Show this help.
  -v, --version       Print the version.

Exit codes: 0 ok, 1 findings or failure, 2 usage or environment error.
`;
