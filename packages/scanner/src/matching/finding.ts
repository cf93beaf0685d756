import type { Finding as CoreFinding } from "@regscan/core";
import type { PackageType } from "../model.js";

/**
 * One vulnerability of one installed package: an entry of the JSON report's `vulnerabilities`.
 * Core's `Finding` (the vocabulary the API and the runners share), with the scanner's package type.
 */
export interface Finding extends CoreFinding {
  type: PackageType;
}
