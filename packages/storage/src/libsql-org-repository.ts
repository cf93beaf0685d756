import type { Feature, Organization, OrgRepository, Project } from "@regscan/core";
import { asc, count, eq } from "drizzle-orm";
import type { LibsqlDatabase } from "./database.js";
import { translateDatabaseErrors } from "./database-errors.js";
import { organizations, projects } from "./schema.js";

/** {@link OrgRepository} over libSQL: the `organizations` and `projects` tables. */
export function createLibsqlOrgRepository(db: LibsqlDatabase): OrgRepository {
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
      const rows = await translateDatabaseErrors(() => db.select().from(projects).where(eq(projects.id, projectId)));
      return rows[0] ?? null;
    },

    async listProjects(orgId) {
      return translateDatabaseErrors(() =>
        db.select().from(projects).where(eq(projects.orgId, orgId)).orderBy(asc(projects.createdAt), asc(projects.id)),
      );
    },
  };
}
