import type { RegistryIndexLoader } from "../dockerfile/registry-index-loader.js";
import type { ScanLookup } from "../scans/scan-lookup.js";
import type { DockerfileFeatures } from "./dockerfile-features.js";
import type { Log } from "./log.js";
import type { RegistryTree } from "./registry-tree.js";
import type { ScanRunner } from "./scan-runner.js";
import type { ScansTree } from "./scans-tree.js";
import type { Session } from "./session.js";
import type { StatusBar } from "./status-bar.js";
import type { SummaryPanels } from "./summary-panels.js";

/** What the extension is made of; activate() builds it, the commands use it, tests read it. */
export interface Services {
  log: Log;
  session: Session;
  registries: RegistryTree;
  scans: ScansTree;
  runner: ScanRunner;
  summaries: SummaryPanels;
  lookup: ScanLookup;
  index: RegistryIndexLoader;
  dockerfiles: DockerfileFeatures;
  status: StatusBar;
}
