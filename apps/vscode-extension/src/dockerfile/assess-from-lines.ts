/**
 * What the extension can say about each FROM of a Dockerfile: why it cannot be scanned, or which
 * credential scans it and what its last scan found (plus a scan in progress, if any).
 */
import type { Scan } from "../api/api-types.js";
import { type FromLine, fromLines, platformDiffers, SCANNED_PLATFORM } from "./from-lines.js";
import { repositoryOf, scanReference } from "./image-reference.js";
import type { RegistryIndex } from "./registry-index.js";

export type FromAssessment =
  | { kind: "unscannable"; line: FromLine; reason: string }
  | {
      kind: "scannable";
      line: Extract<FromLine, { kind: "image" }>;
      /** What regscan scans: `host/ns/img:tag` or `host/ns/img@sha256:…`. */
      reference: string;
      repository: string;
      credentialId: string;
      lastScan: Scan | null;
      running: Scan | null;
    };

export interface AssessDeps {
  index: RegistryIndex;
  latest: (reference: string) => Promise<Scan | null>;
  running: (reference: string) => Scan | null;
}

export async function assessDockerfile(text: string, deps: AssessDeps): Promise<FromAssessment[]> {
  return Promise.all(fromLines(text).map((line) => assess(line, deps)));
}

async function assess(line: FromLine, deps: AssessDeps): Promise<FromAssessment> {
  if (line.kind === "unresolved") {
    const names = line.variables.map((v) => `\${${v}}`).join(", ");
    return {
      kind: "unscannable",
      line,
      reason: `Cannot scan: ${names} has no default here (give the ARG a default before the first FROM).`,
    };
  }
  if (line.kind === "invalid") {
    return { kind: "unscannable", line, reason: `Cannot scan: "${line.expanded}" is not an image reference.` };
  }
  if (platformDiffers(line.platform)) {
    return {
      kind: "unscannable",
      line,
      reason: `Cannot scan: this stage is built for ${line.platform}, and regscan scans ${SCANNED_PLATFORM}.`,
    };
  }
  const where = deps.index.locate(line.reference);
  if (!where.found) return { kind: "unscannable", line, reason: `Cannot scan: ${where.reason}` };
  const reference = scanReference(line.reference);
  return {
    kind: "scannable",
    line,
    reference,
    repository: repositoryOf(line.reference),
    credentialId: where.credentialId,
    lastScan: await deps.latest(reference),
    running: deps.running(reference),
  };
}
