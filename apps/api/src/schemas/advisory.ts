import { z } from "@hono/zod-openapi";
import type { AdvisoryEcosystemStatus } from "@regscan/core";
import type { RefreshRun } from "../advisories/advisory-refresher.js";
import { iso, Timestamp } from "./common.js";

const RefreshRunSchema = z
  .object({
    startedAt: Timestamp,
    finishedAt: Timestamp.nullable(),
    results: z.array(
      z.object({
        ecosystem: z.string(),
        mode: z.enum(["full", "incremental"]),
        imported: z.number().int(),
        removed: z.number().int(),
      }),
    ),
    errors: z.array(z.object({ ecosystem: z.string(), code: z.string(), message: z.string() })),
  })
  .openapi("AdvisoryRefreshRun");

export const AdvisoryStatusSchema = z
  .object({
    updatedAt: Timestamp.nullable().openapi({ description: "When the advisory data was last imported or refreshed." }),
    ecosystems: z.array(
      z.object({
        ecosystem: z.string().openapi({ example: "Debian" }),
        records: z.number().int(),
        lastModified: z.string().nullable().openapi({ description: "Newest `modified` of its records." }),
        importedAt: Timestamp.nullable(),
      }),
    ),
    refresh: z.object({ running: RefreshRunSchema.nullable(), last: RefreshRunSchema.nullable() }),
  })
  .openapi("AdvisoryStatus");

export const RefreshStartedSchema = z.object({ running: RefreshRunSchema }).openapi("AdvisoryRefreshStarted");

export function refreshRunJson(run: RefreshRun | null): z.infer<typeof RefreshRunSchema> | null {
  if (!run) return null;
  return {
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    results: run.results.map((r) => ({ ...r })),
    errors: run.errors.map((e) => ({ ...e })),
  };
}

export function ecosystemJson(s: AdvisoryEcosystemStatus) {
  return { ecosystem: s.ecosystem, records: s.records, lastModified: s.lastModified, importedAt: s.importedAt };
}
