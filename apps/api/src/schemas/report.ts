import { z } from "@hono/zod-openapi";
import { SeveritySummarySchema } from "./scan.js";

/** Top-level shape of the documents of GET …/report and …/sbom (the CLI's formats; fields beyond these pass). */
const loose = z.looseObject({});

export const RegscanReportSchema = z
  .looseObject({
    schemaVersion: z.literal(1),
    artifact: z.looseObject({ ref: z.string(), digest: z.string() }),
    incomplete: z
      .boolean()
      .openapi({ description: "True when packages may be missing; `incompleteReasons` says why." }),
    incompleteReasons: z.array(loose),
    packages: z.array(loose),
    notices: z.array(loose),
    vulnerabilities: z.array(loose),
    summary: SeveritySummarySchema,
  })
  .openapi("RegscanReport", {
    description: "The regscan JSON report (`regscan scan --format json`): the inventory, its findings and a summary.",
  });

export const SarifLogSchema = z
  .looseObject({
    version: z.literal("2.1.0"),
    $schema: z.string(),
    runs: z.array(loose),
  })
  .openapi("SarifLog", { description: "A SARIF 2.1.0 log (`regscan scan --format sarif`), for code scanning." });

export const CycloneDxBomSchema = z
  .looseObject({
    bomFormat: z.literal("CycloneDX"),
    specVersion: z.literal("1.6"),
    version: z.number().int(),
    metadata: loose,
    components: z.array(loose),
  })
  .openapi("CycloneDxBom", {
    description: "A CycloneDX 1.6 BOM: the inventory (SBOM), with `vulnerabilities` in a report (VEX).",
  });
