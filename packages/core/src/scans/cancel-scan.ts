import { recordAudit } from "../audit/record-audit.js";
import { DomainError } from "../errors/domain-error.js";
import type { Principal } from "../model/principal.js";
import type { ScanJob } from "../model/scan.js";
import { loadProject } from "../orgs/projects.js";
import { scanNotFound } from "./read-scans.js";
import type { ScanDeps } from "./scan-deps.js";

/**
 * Cancels a scan (project `start_scan`): a queued scan ends `cancelled` at once, a running one
 * stops within seconds (its runner sees the request on its next heartbeat). Cancelling a cancelled
 * scan is a no-op; a scan that already succeeded or failed is a `conflict`.
 */
export async function cancelScan(
  deps: Pick<ScanDeps, "orgs" | "scans" | "audit" | "clock" | "ids">,
  principal: Principal,
  projectId: string,
  scanId: string,
): Promise<ScanJob> {
  const project = await loadProject(deps, principal, projectId, "scan.cancel");
  const existing = await deps.scans.get(project.orgId, scanId);
  if (!existing || existing.projectId !== projectId) throw scanNotFound();
  if (existing.status === "cancelled") return existing;
  if (existing.status === "succeeded" || existing.status === "failed") {
    throw new DomainError("conflict", `The scan already ${existing.status}; there is nothing to cancel.`, {
      status: existing.status,
    });
  }
  const scan = await deps.scans.requestCancel(project.orgId, scanId, deps.clock.now());
  if (!scan) throw scanNotFound();
  await recordAudit(deps, {
    orgId: project.orgId,
    actorId: principal.id,
    action: "scan.cancel",
    targetType: "scan",
    targetId: scanId,
    metadata: { projectId },
  });
  return scan;
}
