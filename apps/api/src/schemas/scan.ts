import { z } from "@hono/zod-openapi";
import {
  DomainError,
  REUSE_REASONS,
  SCAN_PHASES,
  SCAN_STATUSES,
  type ScanJob,
  SEVERITIES,
  type Severity,
  type StoredFinding,
} from "@regscan/core";
import { idParam, iso, Timestamp } from "./common.js";

export const ScanParams = z.object({
  projectId: idParam("projectId", "The project's id."),
  scanId: idParam("scanId", "The scan's id."),
});

export const StartScanBody = z
  .strictObject({
    credentialId: z.string().min(1).max(200).openapi({ description: "A credential of the project's organization." }),
    image: z
      .union([
        z.string().min(1).max(600).openapi({
          description: "Full reference in the credential's registry: HOST/NAMESPACE/IMAGE:TAG or …@sha256:DIGEST.",
          example: "rg.fr-par.scw.cloud/my-namespace/api:1.4.2",
        }),
        z
          .strictObject({
            namespace: z.string().min(1).max(255),
            image: z.string().min(1).max(255).openapi({ description: "May contain `/`." }),
            tag: z.string().min(1).max(128).optional(),
            digest: z
              .string()
              .optional()
              .openapi({ example: `sha256:${"0".repeat(64)}` }),
          })
          .openapi("ScanImageParts", { description: "Exactly one of tag and digest." }),
      ])
      .openapi({ description: "The image to scan." }),
  })
  .openapi("StartScan");

export const StartScanHeaders = z.object({
  "idempotency-key": z
    .string()
    .max(255)
    .optional()
    .openapi({ description: "Makes retries safe: the same key and body return the same scan for 24 hours." }),
});

export const SeveritySummarySchema = z
  .object({
    critical: z.number().int(),
    high: z.number().int(),
    medium: z.number().int(),
    low: z.number().int(),
    unknown: z.number().int(),
  })
  .openapi("SeveritySummary");

export const ScanSchema = z
  .object({
    id: z.string(),
    projectId: z.string(),
    status: z.enum(SCAN_STATUSES),
    image: z.string().openapi({ example: "rg.fr-par.scw.cloud/my-namespace/api:1.4.2" }),
    digest: z.string().nullable().openapi({ description: "Manifest digest of the scanned image, once resolved." }),
    credentialId: z.string(),
    progress: z
      .object({
        phase: z.enum(SCAN_PHASES),
        layersDone: z.number().int(),
        layersTotal: z.number().int(),
        bytesDone: z.number().int(),
        bytesTotal: z.number().int(),
      })
      .openapi("ScanProgress"),
    summary: SeveritySummarySchema.nullable().openapi({
      description: "Findings by severity; null until the scan succeeded.",
    }),
    error: z
      .object({ code: z.string(), message: z.string() })
      .optional()
      .openapi({ description: "Why the scan failed (or, while queued again, why its last attempt failed)." }),
    reused: z
      .object({ scanId: z.string(), reason: z.enum(REUSE_REASONS) })
      .optional()
      .openapi({
        description:
          "Set when the result came from an earlier scan of the same digest: its findings (same_digest) or its inventory matched again (advisories_updated).",
      }),
    advisories: z.object({ updatedAt: Timestamp.nullable() }).openapi({
      description: "Freshness of the advisory data the findings were matched against.",
    }),
    warnings: z
      .array(z.string())
      .openapi({ description: "What the result cannot tell (e.g. an ecosystem without advisories)." }),
    attempts: z.number().int(),
    createdAt: Timestamp,
    startedAt: Timestamp.nullable(),
    finishedAt: Timestamp.nullable(),
    createdBy: z.string().openapi({ description: "Token id of the caller who started the scan." }),
  })
  .openapi("Scan");

export const ScanPageSchema = z
  .object({ items: z.array(ScanSchema), nextCursor: z.string().nullable() })
  .openapi("ScanPage");

export const FindingSchema = z
  .object({
    id: z.string().openapi({ description: "This finding's id." }),
    vulnerabilityId: z.string().openapi({ example: "CVE-2023-38545" }),
    aliases: z.array(z.string()),
    severity: z.enum(SEVERITIES),
    cvss: z.object({ version: z.string(), vector: z.string(), score: z.number() }).optional(),
    packageName: z.string(),
    packageVersion: z.string(),
    type: z.string().openapi({ example: "deb" }),
    ecosystem: z.string().openapi({ example: "Debian:12" }),
    purl: z.string(),
    source: z.object({ name: z.string(), version: z.string() }).optional(),
    fixedVersion: z.string().nullable(),
    summary: z.string(),
    layer: z.string().openapi({ description: "diffID of the layer that introduced the package." }),
  })
  .openapi("Finding");

export const FindingPageSchema = z
  .object({ items: z.array(FindingSchema), nextCursor: z.string().nullable() })
  .openapi("FindingPage");

const limit = z.coerce.number().int().min(1).max(100).default(50).openapi({ description: "Page size (1–100)." });
const cursor = z.string().max(2048).optional().openapi({ description: "The previous page's nextCursor." });

export const ScanListQuery = z.object({
  status: z.enum(SCAN_STATUSES).optional().openapi({ description: "Only scans in this status." }),
  image: z
    .string()
    .max(600)
    .optional()
    .openapi({ description: "A full reference, or a repository (HOST/NAMESPACE/IMAGE) for all its tags." }),
  limit,
  cursor,
});

export const FindingQuery = z.object({
  severity: z.string().max(100).optional().openapi({
    description: "Comma-separated severities to keep (CRITICAL,HIGH,MEDIUM,LOW,UNKNOWN).",
    example: "CRITICAL,HIGH",
  }),
  fixable: z.enum(["true", "false"]).optional().openapi({ description: "true: only findings with a fixed version." }),
  limit,
  cursor,
});

export const ReportQuery = z.object({
  format: z
    .enum(["json", "sarif", "cyclonedx"])
    .default("json")
    .openapi({ description: "regscan JSON (default), SARIF 2.1.0, or CycloneDX 1.6 with vulnerabilities (VEX)." }),
});

/** `?severity=critical,HIGH` → the severities; an unknown one is `validation_failed`. */
export function parseSeverityList(list: string | undefined): Severity[] | undefined {
  if (list === undefined || list.trim() === "") return undefined;
  return list.split(",").map((raw) => {
    const s = raw.trim().toUpperCase();
    if (!(SEVERITIES as readonly string[]).includes(s)) {
      const message = `Unknown severity; use ${SEVERITIES.join(", ")}.`;
      throw new DomainError("validation_failed", `The request is invalid: query.severity: ${message}`, {
        fields: [{ path: "query.severity", message }],
      });
    }
    return s as Severity;
  });
}

export function scanJson(scan: ScanJob): z.infer<typeof ScanSchema> {
  return {
    id: scan.id,
    projectId: scan.projectId,
    status: scan.status,
    image: scan.image,
    digest: scan.digest,
    credentialId: scan.credentialId,
    progress: { ...scan.progress },
    summary: scan.summary ? { ...scan.summary } : null,
    ...(scan.error ? { error: { code: scan.error.code, message: scan.error.message } } : {}),
    ...(scan.reused ? { reused: { scanId: scan.reused.scanId, reason: scan.reused.reason } } : {}),
    advisories: { updatedAt: iso(scan.advisoriesUpdatedAt) },
    warnings: [...scan.warnings],
    attempts: scan.attempts,
    createdAt: iso(scan.createdAt),
    startedAt: iso(scan.startedAt),
    finishedAt: iso(scan.finishedAt),
    createdBy: scan.createdBy,
  };
}

export function findingJson(f: StoredFinding): z.infer<typeof FindingSchema> {
  return {
    id: f.id,
    vulnerabilityId: f.vulnerabilityId,
    aliases: [...f.aliases],
    severity: f.severity,
    ...(f.cvss ? { cvss: { version: f.cvss.version, vector: f.cvss.vector, score: f.cvss.score } } : {}),
    packageName: f.packageName,
    packageVersion: f.packageVersion,
    type: f.type,
    ecosystem: f.ecosystem,
    purl: f.purl,
    ...(f.source ? { source: { name: f.source.name, version: f.source.version } } : {}),
    fixedVersion: f.fixedVersion,
    summary: f.summary,
    layer: f.layer,
  };
}
