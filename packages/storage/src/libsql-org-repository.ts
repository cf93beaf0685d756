import type { Feature, Organization, OrgRepository, OrgWithProjects, Project } from "@regscan/core";
import { asc, count, eq, sql } from "drizzle-orm";
import type { LibsqlExecutor } from "./database.js";
import { translateDatabaseErrors } from "./database-errors.js";
import { ImmutableRows } from "./immutable-rows.js";
import { organizations, projects } from "./schema.js";

/** {@link OrgRepository} over libSQL: the `organizations` and `projects` tables. */
export function createLibsqlOrgRepository(db: LibsqlExecutor): OrgRepository {
  const knownProjects = new ImmutableRows<Project>(10_000);
  return {
    async createOrg(org: Organization) {
      await translateDatabaseErrors(() => db.insert(organizations).values({ ...org, features: [...org.features] }), {
        conflict: "An organization with that id already exists.",
      });
    },

    async getOrg(orgId) {
      const rows = await translateDatabaseErrors(() =>
        db.select().from(organizations).where(eq(organizations.id, orgId)),
      );
      return rows[0] ?? null;
    },

    async countOrgs() {
      const rows = await translateDatabaseErrors(() => db.select({ n: count() }).from(organizations));
      return rows[0]?.n ?? 0;
    },

    async firstOrg() {
      const rows = await translateDatabaseErrors(() =>
        db.select().from(organizations).orderBy(asc(organizations.createdAt), asc(organizations.id)).limit(1),
      );
      return rows[0] ?? null;
    },

    async listOrgsWithProjects(orgIds) {
      const wanted = [...new Set(orgIds)];
      if (wanted.length === 0) return [];
      // One query for any number of ids: the ids travel as one JSON array parameter (no IN-list limit).
      const rows = await translateDatabaseErrors(() =>
        db
          .select({ org: organizations, project: projects })
          .from(organizations)
          .leftJoin(projects, eq(projects.orgId, organizations.id))
          .where(sql`${organizations.id} IN (SELECT value FROM json_each(${JSON.stringify(wanted)}))`)
          .orderBy(asc(projects.createdAt), asc(projects.id)),
      );
      const byId = new Map<string, OrgWithProjects>();
      for (const { org, project } of rows) {
        const entry = byId.get(org.id) ?? { org, projects: [] };
        if (project) entry.projects.push(project);
        byId.set(org.id, entry);
      }
      return wanted.flatMap((id) => byId.get(id) ?? []);
    },

    async setFeatures(orgId, features: Feature[]) {
      await translateDatabaseErrors(() =>
        db
          .update(organizations)
          .set({ features: [...features] })
          .where(eq(organizations.id, orgId)),
      );
    },

    async createProject(project: Project) {
      await translateDatabaseErrors(() => db.insert(projects).values(project), {
        conflict: "The organization already has a project with that name; choose another name.",
        missingParent: "The organization of the project does not exist.",
      });
    },

    async getProject(projectId) {
      // Projects are never updated nor deleted: one read per project and process.
      const known = knownProjects.get(projectId);
      if (known) return known;
      const rows = await translateDatabaseErrors(() => db.select().from(projects).where(eq(projects.id, projectId)));
      return rows[0] ? knownProjects.set(projectId, rows[0]) : null;
    },

    async listProjects(orgId) {
      return translateDatabaseErrors(() =>
        db.select().from(projects).where(eq(projects.orgId, orgId)).orderBy(asc(projects.createdAt), asc(projects.id)),
      );
    },
  };
}
