import { DomainError } from "../errors/domain-error.js";
import type { Principal } from "../model/principal.js";
import type { ScanJob, StoredFinding } from "../model/scan.js";
import { loadProject } from "../orgs/projects.js";
import type { Page, PageRequest } from "../ports/repositories.js";
import type { FindingFilter, ScanListFilter } from "../ports/scans.js";
import type { ScanDeps } from "./scan-deps.js";

type ReadDeps = Pick<ScanDeps, "orgs" | "scans">;

export function scanNotFound(): DomainError {
  return new DomainError("not_found", "The scan does not exist or you have no access to it.");
}

/** One scan of the project (project `read`). Another project's or organization's scan is `not_found`. */
export async function getScan(
  deps: ReadDeps,
  principal: Principal,
  projectId: string,
  scanId: string,
): Promise<ScanJob> {
  const project = await loadProject(deps, principal, projectId, "scan.view");
  const scan = await deps.scans.get(project.orgId, scanId);
  if (!scan || scan.projectId !== projectId) throw scanNotFound();
  return scan;
}

/** The project's scans, newest first (project `read`). */
export async function listScans(
  deps: ReadDeps,
  principal: Principal,
  projectId: string,
  filter: ScanListFilter,
  page: PageRequest,
): Promise<Page<ScanJob>> {
  await loadProject(deps, principal, projectId, "scan.view");
  return deps.scans.list(projectId, filter, page);
}

/** A page of a scan's findings, highest severity first (project `read`). */
export async function listScanFindings(
  deps: ReadDeps,
  principal: Principal,
  projectId: string,
  scanId: string,
  filter: FindingFilter,
  page: PageRequest,
): Promise<{ scan: ScanJob; findings: Page<StoredFinding> }> {
  const scan = await getScan(deps, principal, projectId, scanId);
  return { scan, findings: await deps.scans.listFindings(scan.id, filter, page) };
}

/** A finished scan with every finding, for reports (project `read`); `conflict` until it succeeded. */
export async function loadScanResult(
  deps: ReadDeps & Pick<ScanDeps, "inventories">,
  principal: Principal,
  projectId: string,
  scanId: string,
): Promise<{ scan: ScanJob; findings: StoredFinding[]; inventory: string }> {
  const scan = await getScan(deps, principal, projectId, scanId);
  if (scan.status !== "succeeded" || scan.digest === null) {
    throw new DomainError("conflict", `The scan is ${scan.status}; its report exists once it has succeeded.`, {
      status: scan.status,
    });
  }
  const inventory = await deps.inventories.get(scan.digest);
  if (!inventory) {
    throw new DomainError("not_found", "The inventory of this scan's image is no longer stored; scan the image again.");
  }
  return { scan, findings: await deps.scans.allFindings(scan.id), inventory: inventory.document };
}
