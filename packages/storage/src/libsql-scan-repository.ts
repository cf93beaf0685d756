import {
  type ClaimRequest,
  type FindingFilter,
  type ScanJob,
  type ScanRepository,
  SEVERITIES,
  type StoredFinding,
} from "@regscan/core";
import { and, asc, desc, eq, gt, inArray, isNotNull, lt, or, type SQL, sql } from "drizzle-orm";
import { type LibsqlExecutor, runAll } from "./database.js";
import { translateDatabaseErrors } from "./database-errors.js";
import { ImmutableRows } from "./immutable-rows.js";
import { decodeCursor, encodeCursor } from "./keyset-cursor.js";
import { toFindingRow, toScanJob, toScanRow } from "./scan-rows.js";
import { scanFindings, scanJobs } from "./schema.js";

const ENDED = new Set<ScanJob["status"]>(["succeeded", "failed", "cancelled"]);

/** Findings per INSERT statement (16 columns each, well under SQLite's 32766 parameters). */
const FINDINGS_PER_STATEMENT = 400;

/**
 * {@link ScanRepository} over libSQL. Claims are one `UPDATE … WHERE id = (SELECT …)` statement
 * (atomic in SQLite and over HTTP), every runner write is conditional on its lease, and a success
 * is stored with its findings in one batch (no interactive transaction holds the write lock
 * across awaits).
 */
export function createLibsqlScanRepository(db: LibsqlExecutor): ScanRepository {
  const endedJobs = new ImmutableRows<ScanJob>(2_000);
  const held = (scanId: string, owner: string) =>
    and(eq(scanJobs.id, scanId), eq(scanJobs.status, "running"), eq(scanJobs.leaseOwner, owner));

  async function claimWhere(request: ClaimRequest, only?: string): Promise<ScanJob | null> {
    const now = request.now.getTime();
    const rows = await translateDatabaseErrors(() =>
      db.all<{ id: string }>(sql`
        UPDATE scan_jobs SET status = 'running', lease_owner = ${request.owner},
          lease_expires_at = ${request.leaseUntil.getTime()}, attempts = attempts + 1,
          started_at = coalesce(started_at, ${now})
        WHERE id = (
          SELECT j.id FROM scan_jobs j
          WHERE ((j.status = 'queued' AND j.not_before <= ${now})
              OR (j.status = 'running' AND j.lease_expires_at < ${now}))
            ${only === undefined ? sql`` : sql`AND j.id = ${only}`}
            AND (SELECT count(*) FROM scan_jobs r
                 WHERE r.org_id = j.org_id AND r.id <> j.id AND r.status = 'running'
                   AND r.lease_expires_at >= ${now}) < ${request.orgConcurrency}
          ORDER BY j.not_before, j.created_at, j.id LIMIT 1)
        RETURNING id`),
    );
    const id = rows[0]?.id;
    if (id === undefined) return null;
    const claimed = await translateDatabaseErrors(() => db.select().from(scanJobs).where(eq(scanJobs.id, id)));
    return claimed[0] ? toScanJob(claimed[0]) : null;
  }

  return {
    async create(job, limits) {
      const row = toScanRow(job);
      const columns = Object.keys(row) as Array<keyof typeof row>;
      // One statement: the queue limit is checked and the row written atomically.
      const result = await translateDatabaseErrors(
        () =>
          db.run(sql`
            INSERT INTO scan_jobs (${sql.join(
              columns.map((c) => sql.identifier(scanJobs[c].name)),
              sql`, `,
            )})
            SELECT ${sql.join(
              columns.map((c) => driverValue(scanJobs[c], row[c])),
              sql`, `,
            )}
            WHERE (SELECT count(*) FROM scan_jobs WHERE org_id = ${job.orgId} AND status = 'queued') < ${limits.maxQueued}`),
        { conflict: `A scan with id ${job.id} already exists.` },
      );
      return result.rowsAffected > 0;
    },

    async get(orgId, scanId) {
      // A job that has ended is never written again (every runner write needs `running`, a cancel
      // `queued` or `running`): clients polling it are answered from memory.
      const key = `${orgId}/${scanId}`;
      const ended = endedJobs.get(key);
      if (ended) return ended;
      const rows = await translateDatabaseErrors(() =>
        db
          .select()
          .from(scanJobs)
          .where(and(eq(scanJobs.orgId, orgId), eq(scanJobs.id, scanId))),
      );
      if (!rows[0]) return null;
      const job = toScanJob(rows[0]);
      return ENDED.has(job.status) ? endedJobs.set(key, job) : job;
    },

    async find(scanId) {
      const rows = await translateDatabaseErrors(() => db.select().from(scanJobs).where(eq(scanJobs.id, scanId)));
      return rows[0] ? toScanJob(rows[0]) : null;
    },

    async list(projectId, filter, page) {
      const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, ["n", "s"]);
      const older =
        after &&
        or(
          lt(scanJobs.createdAt, new Date(after[0] as number)),
          and(eq(scanJobs.createdAt, new Date(after[0] as number)), lt(scanJobs.id, after[1] as string)),
        );
      const image =
        filter.image === undefined
          ? undefined
          : or(eq(scanJobs.image, filter.image), eq(scanJobs.repository, filter.image));
      const rows = await translateDatabaseErrors(() =>
        db
          .select()
          .from(scanJobs)
          .where(
            and(
              eq(scanJobs.projectId, projectId),
              filter.status === undefined ? undefined : eq(scanJobs.status, filter.status),
              filter.image === undefined ? undefined : image,
              older,
            ),
          )
          .orderBy(desc(scanJobs.createdAt), desc(scanJobs.id))
          .limit(page.limit + 1),
      );
      const items = rows.slice(0, page.limit).map(toScanJob);
      const last = items[items.length - 1];
      const nextCursor = rows.length > page.limit && last ? encodeCursor([last.createdAt.getTime(), last.id]) : null;
      return { items, nextCursor };
    },

    claimNext: (request) => claimWhere(request),

    async listClaimable(before, limit) {
      const at = before.getTime();
      const rows = await translateDatabaseErrors(() =>
        db.all<{ id: string }>(sql`
          SELECT id FROM scan_jobs
          WHERE (status = 'queued' AND not_before <= ${at}) OR (status = 'running' AND lease_expires_at < ${at})
          ORDER BY not_before, created_at, id LIMIT ${limit}`),
      );
      return rows.map((r) => r.id);
    },
    claim: (scanId, request) => claimWhere(request, scanId),

    async heartbeat(scanId, owner, update) {
      const rows = await translateDatabaseErrors(() =>
        db
          .update(scanJobs)
          .set({
            progress: update.progress,
            leaseExpiresAt: update.leaseUntil,
            ...(update.digest === null ? {} : { digest: update.digest }),
          })
          .where(held(scanId, owner))
          .returning({ cancelRequested: scanJobs.cancelRequested }),
      );
      const row = rows[0];
      return row ? { held: true, cancelRequested: row.cancelRequested } : { held: false, cancelRequested: false };
    },

    async finish(scanId, owner, outcome, now) {
      if (outcome.status === "queued") {
        const result = await translateDatabaseErrors(() =>
          db
            .update(scanJobs)
            .set({
              status: "queued",
              notBefore: outcome.notBefore,
              leaseOwner: null,
              leaseExpiresAt: null,
              progress: outcome.progress,
              error: outcome.error,
              ...(outcome.countAttempt ? {} : { attempts: sql`${scanJobs.attempts} - 1` }),
            })
            .where(held(scanId, owner)),
        );
        return result.rowsAffected > 0;
      }
      const ended = {
        status: outcome.status,
        leaseOwner: null,
        leaseExpiresAt: null,
        finishedAt: now,
        progress: outcome.progress,
      };
      if (outcome.status !== "succeeded") {
        const error = outcome.status === "failed" ? outcome.error : undefined;
        const result = await translateDatabaseErrors(() =>
          db
            .update(scanJobs)
            .set({ ...ended, ...(error ? { error } : {}) })
            .where(held(scanId, owner)),
        );
        return result.rowsAffected > 0;
      }
      // The findings go in first, each statement only while the job is still held; then the job.
      // One batch: all of it commits, or none.
      const stillHeld = sql`EXISTS (SELECT 1 FROM scan_jobs WHERE id = ${scanId} AND status = 'running' AND lease_owner = ${owner})`;
      const inserts = chunks(outcome.findings, FINDINGS_PER_STATEMENT).map((part) =>
        insertFindings(db, part, stillHeld),
      );
      const update = db
        .update(scanJobs)
        .set({
          ...ended,
          error: null,
          digest: outcome.digest,
          summary: outcome.summary,
          reused: outcome.reused,
          advisoriesUpdatedAt: outcome.advisoriesUpdatedAt,
          warnings: outcome.warnings,
        })
        .where(held(scanId, owner));
      const results = await translateDatabaseErrors(() => runAll(db, [...inserts, update]));
      const last = results[results.length - 1] as { rowsAffected: number } | undefined;
      return (last?.rowsAffected ?? 0) > 0;
    },

    async requestCancel(orgId, scanId, now) {
      await translateDatabaseErrors(() =>
        runAll(db, [
          db
            .update(scanJobs)
            .set({ status: "cancelled", finishedAt: now })
            .where(and(eq(scanJobs.orgId, orgId), eq(scanJobs.id, scanId), eq(scanJobs.status, "queued"))),
          db
            .update(scanJobs)
            .set({ cancelRequested: true })
            .where(and(eq(scanJobs.orgId, orgId), eq(scanJobs.id, scanId), eq(scanJobs.status, "running"))),
        ]),
      );
      return this.get(orgId, scanId);
    },

    async latestSucceeded(orgId, digest) {
      const rows = await translateDatabaseErrors(() =>
        db
          .select()
          .from(scanJobs)
          .where(and(eq(scanJobs.orgId, orgId), eq(scanJobs.digest, digest), eq(scanJobs.status, "succeeded")))
          .orderBy(desc(scanJobs.finishedAt), desc(scanJobs.id))
          .limit(1),
      );
      return rows[0] ? toScanJob(rows[0]) : null;
    },

    async listFindings(scanId, filter, page) {
      const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, ["n", "s", "s", "s", "s"]);
      const rows = await translateDatabaseErrors(() =>
        db
          .select()
          .from(scanFindings)
          .where(and(eq(scanFindings.scanId, scanId), findingFilter(filter), after ? afterFinding(after) : undefined))
          .orderBy(...FINDING_ORDER)
          .limit(page.limit + 1),
      );
      const items = rows.slice(0, page.limit).map(toStoredFinding);
      const last = rows[Math.min(rows.length, page.limit) - 1];
      const nextCursor =
        rows.length > page.limit && last
          ? encodeCursor([last.severityRank, last.vulnerabilityId, last.packageName, last.packageVersion, last.id])
          : null;
      return { items, nextCursor };
    },

    async allFindings(scanId) {
      const rows = await translateDatabaseErrors(() =>
        db
          .select()
          .from(scanFindings)
          .where(eq(scanFindings.scanId, scanId))
          .orderBy(...FINDING_ORDER),
      );
      return rows.map(toStoredFinding);
    },
  };
}

const FINDING_ORDER = [
  asc(scanFindings.severityRank),
  asc(scanFindings.vulnerabilityId),
  asc(scanFindings.packageName),
  asc(scanFindings.packageVersion),
  asc(scanFindings.id),
];

function findingFilter(filter: FindingFilter): SQL | undefined {
  return and(
    filter.severities === undefined
      ? undefined
      : inArray(
          scanFindings.severityRank,
          filter.severities.map((s) => SEVERITIES.indexOf(s)),
        ),
    filter.fixable === true ? isNotNull(scanFindings.fixedVersion) : undefined,
  );
}

/** Rows after the cursor in (rank, vulnerability, package, version, id) order. */
function afterFinding(after: Array<string | number>): SQL | undefined {
  const [rank, vuln, name, version, id] = after as [number, string, string, string, string];
  return or(
    gt(scanFindings.severityRank, rank),
    and(eq(scanFindings.severityRank, rank), gt(scanFindings.vulnerabilityId, vuln)),
    and(
      eq(scanFindings.severityRank, rank),
      eq(scanFindings.vulnerabilityId, vuln),
      gt(scanFindings.packageName, name),
    ),
    and(
      eq(scanFindings.severityRank, rank),
      eq(scanFindings.vulnerabilityId, vuln),
      eq(scanFindings.packageName, name),
      gt(scanFindings.packageVersion, version),
    ),
    and(
      eq(scanFindings.severityRank, rank),
      eq(scanFindings.vulnerabilityId, vuln),
      eq(scanFindings.packageName, name),
      eq(scanFindings.packageVersion, version),
      gt(scanFindings.id, id),
    ),
  );
}

function insertFindings(db: LibsqlExecutor, findings: readonly StoredFinding[], condition: SQL) {
  const rows = findings.map(toFindingRow);
  const columns = Object.keys(rows[0] ?? {}) as Array<keyof (typeof rows)[number]>;
  const values = sql.join(
    rows.map(
      (row) =>
        sql`(${sql.join(
          columns.map((c) => driverValue(scanFindings[c], row[c])),
          sql`, `,
        )})`,
    ),
    sql`, `,
  );
  return db.run(sql`
    INSERT INTO scan_findings (${sql.join(
      columns.map((c) => sql.identifier(scanFindings[c].name)),
      sql`, `,
    )})
    SELECT * FROM (VALUES ${values}) WHERE ${condition}`);
}

function toStoredFinding(row: typeof scanFindings.$inferSelect): StoredFinding {
  const { severityRank: _rank, ...rest } = row;
  const finding: StoredFinding = {
    ...rest,
    aliases: rest.aliases,
    source: rest.source ?? undefined,
    cvss: rest.cvss ?? undefined,
  } as StoredFinding;
  if (finding.source === undefined) delete finding.source;
  if (finding.cvss === undefined) delete finding.cvss;
  return finding;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** A value as the column stores it; null stays SQL NULL (a JSON column would write "null"). */
function driverValue(column: { mapToDriverValue(value: unknown): unknown }, value: unknown): SQL {
  return value === null || value === undefined ? sql`NULL` : sql`${column.mapToDriverValue(value)}`;
}
