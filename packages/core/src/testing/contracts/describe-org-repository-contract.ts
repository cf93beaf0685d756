import { describe, expect, it } from "vitest";
import type { Organization, Project } from "../../model/organization.js";
import type { OrgRepository } from "../../ports/repositories.js";
import { domainError, type MakeSubject, useSubject } from "./contract-subject.js";

const T0 = Date.parse("2026-01-02T03:04:05.678Z");

function org(id: string, overrides: Partial<Organization> = {}): Organization {
  return { id, name: `Org ${id}`, features: ["container_scanning"], createdAt: new Date(T0), ...overrides };
}

function project(id: string, orgId: string, overrides: Partial<Project> = {}): Project {
  return { id, orgId, name: `project-${id}`, createdAt: new Date(T0), ...overrides };
}

/**
 * The behaviour every {@link OrgRepository} must have. Run it against each implementation:
 * `describeOrgRepositoryContract(async () => ({ repo: createX(), close }))`.
 */
export function describeOrgRepositoryContract(make: MakeSubject<OrgRepository>): void {
  describe("OrgRepository contract", () => {
    const repo = useSubject(make);

    describe("organizations", () => {
      it.each([
        { name: "with features", input: org("org-a") },
        { name: "without features", input: org("org-b", { features: [] }) },
        { name: "unicode name, ms precision", input: org("org-c", { name: "Zürich ✓", createdAt: new Date(T0 + 1) }) },
      ])("round-trips an organization $name", async ({ input }) => {
        await repo().createOrg(input);
        const got = await repo().getOrg(input.id);
        expect(got).toEqual(input);
        expect(got?.createdAt).toBeInstanceOf(Date);
        expect(got?.createdAt.getTime()).toBe(input.createdAt.getTime());
      });

      it("returns null for an unknown organization", async () => {
        await repo().createOrg(org("org-a"));
        expect(await repo().getOrg("org-missing")).toBeNull();
      });

      it("rejects a duplicate organization id with conflict", async () => {
        await repo().createOrg(org("org-a"));
        await expect(repo().createOrg(org("org-a", { name: "Other" }))).rejects.toMatchObject(domainError("conflict"));
        expect((await repo().getOrg("org-a"))?.name).toBe("Org org-a");
      });

      it("counts organizations", async () => {
        expect(await repo().countOrgs()).toBe(0);
        await repo().createOrg(org("org-a"));
        await repo().createOrg(org("org-b"));
        expect(await repo().countOrgs()).toBe(2);
      });

      it("firstOrg is the oldest organization (ties broken by id), null when there is none", async () => {
        expect(await repo().firstOrg()).toBeNull();
        await repo().createOrg(org("org-c", { createdAt: new Date(T0 + 5) }));
        await repo().createOrg(org("org-b", { createdAt: new Date(T0) }));
        await repo().createOrg(org("org-a", { createdAt: new Date(T0) }));
        expect(await repo().firstOrg()).toEqual(org("org-a", { createdAt: new Date(T0) }));
      });

      it.each([
        {
          name: "enables a feature",
          before: [] as Organization["features"],
          after: ["container_scanning"] as Organization["features"],
        },
        {
          name: "disables every feature",
          before: ["container_scanning"] as Organization["features"],
          after: [] as Organization["features"],
        },
      ])("setFeatures $name", async ({ before, after }) => {
        await repo().createOrg(org("org-a", { features: before }));
        await repo().createOrg(org("org-b", { features: before }));
        await repo().setFeatures("org-a", after);
        expect((await repo().getOrg("org-a"))?.features).toEqual(after);
        expect((await repo().getOrg("org-b"))?.features).toEqual(before);
      });
    });

    describe("projects", () => {
      it("round-trips a project", async () => {
        await repo().createOrg(org("org-a"));
        const input = project("p-1", "org-a", { createdAt: new Date(T0 + 999) });
        await repo().createProject(input);
        expect(await repo().getProject("p-1")).toEqual(input);
      });

      it("returns null for an unknown project", async () => {
        expect(await repo().getProject("p-missing")).toBeNull();
      });

      it.each([
        { name: "same name in the same org", second: project("p-2", "org-a", { name: "web" }) },
        { name: "same id", second: project("p-1", "org-a", { name: "other" }) },
      ])("rejects a duplicate project ($name) with conflict", async ({ second }) => {
        await repo().createOrg(org("org-a"));
        await repo().createProject(project("p-1", "org-a", { name: "web" }));
        await expect(repo().createProject(second)).rejects.toMatchObject(domainError("conflict"));
        expect(await repo().listProjects("org-a")).toHaveLength(1);
      });

      it("allows the same project name in two organizations", async () => {
        await repo().createOrg(org("org-a"));
        await repo().createOrg(org("org-b"));
        await repo().createProject(project("p-1", "org-a", { name: "web" }));
        await repo().createProject(project("p-2", "org-b", { name: "web" }));
        expect((await repo().listProjects("org-b")).map((p) => p.id)).toEqual(["p-2"]);
      });

      it("treats project names case-sensitively", async () => {
        await repo().createOrg(org("org-a"));
        await repo().createProject(project("p-1", "org-a", { name: "web" }));
        await repo().createProject(project("p-2", "org-a", { name: "Web" }));
        expect(await repo().listProjects("org-a")).toHaveLength(2);
      });

      it("lists an organization's projects oldest first, and only them", async () => {
        await repo().createOrg(org("org-a"));
        await repo().createOrg(org("org-b"));
        // Inserted out of order, with ids that sort the other way, so only createdAt decides.
        await repo().createProject(project("p-a", "org-a", { name: "second", createdAt: new Date(T0 + 2000) }));
        await repo().createProject(project("p-b", "org-a", { name: "first", createdAt: new Date(T0 + 1000) }));
        await repo().createProject(project("p-c", "org-a", { name: "third", createdAt: new Date(T0 + 3000) }));
        await repo().createProject(project("p-d", "org-b", { name: "other", createdAt: new Date(T0) }));
        const listed = await repo().listProjects("org-a");
        expect(listed.map((p) => p.name)).toEqual(["first", "second", "third"]);
        expect(listed[0]).toEqual(project("p-b", "org-a", { name: "first", createdAt: new Date(T0 + 1000) }));
      });

      it("lists nothing for an organization without projects", async () => {
        expect(await repo().listProjects("org-missing")).toEqual([]);
      });
    });

    describe("listOrgsWithProjects", () => {
      it("returns the asked organizations in the asked order, each with its projects oldest first", async () => {
        await repo().createOrg(org("org-a"));
        await repo().createOrg(org("org-b", { name: "B", features: [] }));
        await repo().createOrg(org("org-c"));
        await repo().createProject(project("p-2", "org-a", { name: "later", createdAt: new Date(T0 + 2) }));
        await repo().createProject(project("p-1", "org-a", { name: "earlier", createdAt: new Date(T0 + 1) }));
        await repo().createProject(project("p-3", "org-c", { name: "c-only" }));
        const listed = await repo().listOrgsWithProjects(["org-b", "org-missing", "org-a"]);
        expect(listed).toEqual([
          { org: org("org-b", { name: "B", features: [] }), projects: [] },
          {
            org: org("org-a"),
            projects: [
              project("p-1", "org-a", { name: "earlier", createdAt: new Date(T0 + 1) }),
              project("p-2", "org-a", { name: "later", createdAt: new Date(T0 + 2) }),
            ],
          },
        ]);
      });

      it("returns nothing for no ids, and each organization once for repeated ids", async () => {
        await repo().createOrg(org("org-a"));
        expect(await repo().listOrgsWithProjects([])).toEqual([]);
        expect((await repo().listOrgsWithProjects(["org-a", "org-a"])).map((o) => o.org.id)).toEqual(["org-a"]);
      });

      it("handles many organizations at once", async () => {
        const ids = Array.from({ length: 1200 }, (_, i) => `org-${String(i).padStart(4, "0")}`);
        for (const id of ids.slice(0, 50)) await repo().createOrg(org(id));
        const listed = await repo().listOrgsWithProjects([...ids].reverse());
        expect(listed.map((o) => o.org.id)).toEqual(ids.slice(0, 50).reverse());
      });
    });
  });
}
