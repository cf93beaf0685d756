/** regscan's version, shown by `--version` and recorded in SBOMs as the producing tool. */
export const CLI_VERSION = "0.1.0";
