import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { cancelScan, getScan, listScanFindings, listScans, loadScanResult, startScan } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import type { AuthEnv } from "../http/auth.js";
import { renderScanReport, renderScanSbom } from "../scans/scan-reports.js";
import { jsonBody, jsonContent, ProjectParams, problems } from "../schemas/common.js";
import {
  FindingPageSchema,
  FindingQuery,
  findingJson,
  parseSeverityList,
  ReportQuery,
  ScanListQuery,
  ScanPageSchema,
  ScanParams,
  ScanSchema,
  StartScanBody,
  StartScanHeaders,
  scanJson,
} from "../schemas/scan.js";

const security = [{ bearerAuth: [] }];
const tags = ["Scans"];
const base = "/v1/projects/{projectId}/scans";

const start = createRoute({
  method: "post",
  path: base,
  operationId: "startScan",
  tags,
  security,
  summary: "Start a scan of an image in a credential's registry (project start_scan, plan container_scanning)",
  description:
    "Queues the scan and answers 202 at once; poll GET …/scans/{scanId}. With an Idempotency-Key header, the same key and body return the same scan (Idempotent-Replayed: true); the same key with another body is 409.",
  request: {
    params: ProjectParams,
    headers: StartScanHeaders,
    body: jsonBody(StartScanBody),
  },
  responses: { 202: jsonContent(ScanSchema, "The queued scan"), ...problems(403, 404, 409, 413, 415, 429) },
});

const list = createRoute({
  method: "get",
  path: base,
  operationId: "listScans",
  tags,
  security,
  summary: "The project's scans, newest first (project read)",
  request: { params: ProjectParams, query: ScanListQuery },
  responses: { 200: jsonContent(ScanPageSchema, "One page of scans"), ...problems(403, 404, 429) },
});

const get = createRoute({
  method: "get",
  path: `${base}/{scanId}`,
  operationId: "getScan",
  tags,
  security,
  summary: "One scan: status, progress, summary (project read)",
  request: { params: ScanParams },
  responses: { 200: jsonContent(ScanSchema, "The scan"), ...problems(403, 404, 429) },
});

const findings = createRoute({
  method: "get",
  path: `${base}/{scanId}/findings`,
  operationId: "listScanFindings",
  tags,
  security,
  summary: "A scan's findings, highest severity first (project read)",
  request: { params: ScanParams, query: FindingQuery },
  responses: { 200: jsonContent(FindingPageSchema, "One page of findings"), ...problems(403, 404, 429) },
});

const reportContent = {
  "application/json": { schema: { type: "object" as const } },
  "application/sarif+json": { schema: { type: "object" as const } },
  "application/vnd.cyclonedx+json": { schema: { type: "object" as const } },
};

const report = createRoute({
  method: "get",
  path: `${base}/{scanId}/report`,
  operationId: "getScanReport",
  tags,
  security,
  summary: "A succeeded scan's report: regscan JSON, SARIF 2.1.0 or CycloneDX 1.6 VEX (project read)",
  request: { params: ScanParams, query: ReportQuery },
  responses: {
    200: { description: "The report document (the CLI's format of the same name)", content: reportContent },
    ...problems(403, 404, 409, 429),
  },
});

const sbom = createRoute({
  method: "get",
  path: `${base}/{scanId}/sbom`,
  operationId: "getScanSbom",
  tags,
  security,
  summary: "A succeeded scan's inventory as a CycloneDX 1.6 SBOM (project read)",
  request: { params: ScanParams },
  responses: {
    200: {
      description: "CycloneDX 1.6 JSON",
      content: { "application/vnd.cyclonedx+json": { schema: { type: "object" as const } } },
    },
    ...problems(403, 404, 409, 429),
  },
});

const cancel = createRoute({
  method: "post",
  path: `${base}/{scanId}/cancel`,
  operationId: "cancelScan",
  tags,
  security,
  summary: "Cancel a queued or running scan (project start_scan)",
  description: "A queued scan ends cancelled at once; a running one stops within seconds.",
  request: { params: ScanParams },
  responses: { 202: jsonContent(ScanSchema, "The scan after the request"), ...problems(403, 404, 409, 429) },
});

export function scanRoutes(deps: AppDeps) {
  const scans = deps.scans;
  return new OpenAPIHono<AuthEnv>()
    .openapi(start, async (c) => {
      const { projectId } = c.req.valid("param");
      const key = c.req.valid("header")["idempotency-key"];
      const started = await startScan(scans, c.get("principal"), projectId, c.req.valid("json"), {
        ...(key === undefined ? {} : { idempotencyKey: key }),
      });
      if (started.replayed) c.header("Idempotent-Replayed", "true");
      c.header("Location", `/v1/projects/${projectId}/scans/${started.scan.id}`);
      return c.json(scanJson(started.scan), 202);
    })
    .openapi(list, async (c) => {
      const { projectId } = c.req.valid("param");
      const q = c.req.valid("query");
      const page = await listScans(
        scans,
        c.get("principal"),
        projectId,
        { ...(q.status ? { status: q.status } : {}), ...(q.image ? { image: q.image } : {}) },
        { limit: q.limit, cursor: q.cursor },
      );
      return c.json({ items: page.items.map(scanJson), nextCursor: page.nextCursor }, 200);
    })
    .openapi(get, async (c) => {
      const { projectId, scanId } = c.req.valid("param");
      return c.json(scanJson(await getScan(scans, c.get("principal"), projectId, scanId)), 200);
    })
    .openapi(findings, async (c) => {
      const { projectId, scanId } = c.req.valid("param");
      const q = c.req.valid("query");
      const severities = parseSeverityList(q.severity);
      const { findings: page } = await listScanFindings(
        scans,
        c.get("principal"),
        projectId,
        scanId,
        { ...(severities ? { severities } : {}), ...(q.fixable === "true" ? { fixable: true } : {}) },
        { limit: q.limit, cursor: q.cursor },
      );
      return c.json({ items: page.items.map(findingJson), nextCursor: page.nextCursor }, 200);
    })
    .openapi(report, async (c) => {
      const { projectId, scanId } = c.req.valid("param");
      const result = await loadScanResult(scans, c.get("principal"), projectId, scanId);
      const { body, contentType } = renderScanReport(result, c.req.valid("query").format);
      return document(c, body, contentType);
    })
    .openapi(sbom, async (c) => {
      const { projectId, scanId } = c.req.valid("param");
      const result = await loadScanResult(scans, c.get("principal"), projectId, scanId);
      const { body, contentType } = renderScanSbom(result);
      return document(c, body, contentType);
    })
    .openapi(cancel, async (c) => {
      const { projectId, scanId } = c.req.valid("param");
      return c.json(scanJson(await cancelScan(scans, c.get("principal"), projectId, scanId)), 202);
    });
}

/**
 * A rendered document (already JSON text) with its own media type. zod-openapi types `+json`
 * responses as `c.json` results; the text is sent as is instead of being parsed and serialised again.
 */
function document(
  c: { body: (data: string, status: 200, headers: Record<string, string>) => Response },
  body: string,
  contentType: string,
) {
  return c.body(body, 200, { "content-type": contentType }) as never;
}
