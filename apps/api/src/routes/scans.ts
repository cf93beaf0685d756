import { createRoute, OpenAPIHono, type RouteConfigToTypedResponse } from "@hono/zod-openapi";
import { cancelScan, getScan, listScanFindings, listScans, loadScanResult, startScan } from "@regscan/core";
import type { AppDeps } from "../deps.js";
import type { AuthEnv } from "../http/auth.js";
import { renderScanReport, renderScanSbom } from "../scans/scan-reports.js";
import { BODY_PROBLEMS, jsonBody, jsonContent, ProjectParams, problems, TOKEN_PROBLEMS } from "../schemas/common.js";
import { CycloneDxBomSchema, RegscanReportSchema, SarifLogSchema } from "../schemas/report.js";
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
  summary: "Start a scan of an image in a credential's registry (project start_scan)",
  description:
    "The organization's plan must have `container_scanning` (else 403 `feature_not_enabled`). Queues the scan and answers 202 at once; poll GET …/scans/{scanId}. With an Idempotency-Key header, the same key and body return the same scan (Idempotent-Replayed: true); the same key with another body is 409. Over REGSCAN_ORG_SCAN_QUEUE_LIMIT queued scans: 429 `rate_limited`.",
  request: {
    params: ProjectParams,
    headers: StartScanHeaders,
    body: jsonBody(StartScanBody),
  },
  responses: {
    202: jsonContent(ScanSchema, "The queued scan"),
    ...problems(403, 404, 409, ...BODY_PROBLEMS, ...TOKEN_PROBLEMS),
  },
});

const list = createRoute({
  method: "get",
  path: base,
  operationId: "listScans",
  tags,
  security,
  summary: "The project's scans, newest first (project read)",
  description: "Filtered by `status` or `image`; cursor pagination (`nextCursor`).",
  request: { params: ProjectParams, query: ScanListQuery },
  responses: {
    200: jsonContent(ScanPageSchema, "One page of scans"),
    ...problems(400, 403, 404, ...TOKEN_PROBLEMS),
  },
});

const get = createRoute({
  method: "get",
  path: `${base}/{scanId}`,
  operationId: "getScan",
  tags,
  security,
  summary: "One scan: status, progress, summary (project read)",
  description:
    "Poll it until `status` is succeeded, failed or cancelled. A scan of another organization's project is 404.",
  request: { params: ScanParams },
  responses: { 200: jsonContent(ScanSchema, "The scan"), ...problems(400, 403, 404, ...TOKEN_PROBLEMS) },
});

const findings = createRoute({
  method: "get",
  path: `${base}/{scanId}/findings`,
  operationId: "listScanFindings",
  tags,
  security,
  summary: "A scan's findings, highest severity first (project read)",
  description: "Filtered by `severity` and `fixable`; cursor pagination (`nextCursor`).",
  request: { params: ScanParams, query: FindingQuery },
  responses: {
    200: jsonContent(FindingPageSchema, "One page of findings"),
    ...problems(400, 403, 404, ...TOKEN_PROBLEMS),
  },
});

const reportContent = {
  "application/json": { schema: RegscanReportSchema },
  "application/sarif+json": { schema: SarifLogSchema },
  "application/vnd.cyclonedx+json": { schema: CycloneDxBomSchema },
};

const report = createRoute({
  method: "get",
  path: `${base}/{scanId}/report`,
  operationId: "getScanReport",
  tags,
  security,
  summary: "A succeeded scan's report: regscan JSON, SARIF 2.1.0 or CycloneDX 1.6 VEX (project read)",
  description:
    "`?format=` picks the document (the CLI's format of the same name); a scan that has not succeeded is 409.",
  request: { params: ScanParams, query: ReportQuery },
  responses: {
    200: { description: "The report document (the CLI's format of the same name)", content: reportContent },
    ...problems(400, 403, 404, 409, ...TOKEN_PROBLEMS),
  },
});

const sbom = createRoute({
  method: "get",
  path: `${base}/{scanId}/sbom`,
  operationId: "getScanSbom",
  tags,
  security,
  summary: "A succeeded scan's inventory as a CycloneDX 1.6 SBOM (project read)",
  description:
    "The packages found in the image, as `regscan sbom --format cyclonedx` writes them; a scan that has not succeeded is 409.",
  request: { params: ScanParams },
  responses: {
    200: {
      description: "CycloneDX 1.6 JSON",
      content: { "application/vnd.cyclonedx+json": { schema: CycloneDxBomSchema } },
    },
    ...problems(400, 403, 404, 409, ...TOKEN_PROBLEMS),
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
  responses: {
    202: jsonContent(ScanSchema, "The scan after the request"),
    ...problems(403, 404, 409, ...BODY_PROBLEMS, ...TOKEN_PROBLEMS),
  },
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
      return document<typeof report>(c, body, contentType);
    })
    .openapi(sbom, async (c) => {
      const { projectId, scanId } = c.req.valid("param");
      const result = await loadScanResult(scans, c.get("principal"), projectId, scanId);
      const { body, contentType } = renderScanSbom(result);
      return document<typeof sbom>(c, body, contentType);
    })
    .openapi(cancel, async (c) => {
      const { projectId, scanId } = c.req.valid("param");
      return c.json(scanJson(await cancelScan(scans, c.get("principal"), projectId, scanId)), 202);
    });
}

/**
 * A rendered document (already JSON text) with its own media type, typed as the route's 200 answer.
 * zod-openapi types `+json` responses as `c.json` results; the text is sent as is instead of being
 * parsed and serialised again, so the cast only restates what the route declares.
 */
function document<R extends typeof report | typeof sbom>(
  c: { body: (data: string, status: 200, headers: Record<string, string>) => Response },
  body: string,
  contentType: string,
) {
  return c.body(body, 200, { "content-type": contentType }) as unknown as Extract<
    RouteConfigToTypedResponse<R>,
    { _status: 200 }
  >;
}
