import { describe, expect, it } from "vitest";
import type { OrgGrant, OrgPermission, Principal, ProjectPermission } from "../model/principal.js";
import {
  type Action,
  ADMIN_ACTIONS,
  authorize,
  ORG_ACTION_PERMISSIONS,
  PROJECT_ACTION_PERMISSIONS,
} from "./authorize.js";

// The specification restated independently of the implementation's tables.
type Need = { org: OrgPermission | "any" } | { project: ProjectPermission } | "admin";
const SPEC: Record<Action, Need> = {
  "org.view": { org: "any" },
  "org.projects.list": { org: "any" },
  "project.create": { org: "manage_members" },
  "token.create": { org: "manage_members" },
  "token.list": { org: "manage_members" },
  "token.delete": { org: "manage_members" },
  "credential.create": { org: "manage_integration" },
  "credential.rotate": { org: "manage_integration" },
  "credential.delete": { org: "manage_integration" },
  "credential.verify": { org: "manage_integration" },
  "credential.list_org": { org: "manage_integration" },
  "audit.read": { org: "manage_integration" },
  "project.view": { project: "read" },
  "credential.view": { project: "read" },
  "registry.browse": { project: "read" },
  "scan.view": { project: "read" },
  "scan.start": { project: "start_scan" },
  "scan.cancel": { project: "start_scan" },
  "admin.features": "admin",
  "admin.reencrypt": "admin",
  "admin.advisories": "admin",
};

const ORG = "org-a";
const PROJECT = "proj-1";
const OTHER_PROJECT = "proj-2";

const orgSets: OrgPermission[][] = [
  [],
  ["manage_integration"],
  ["manage_members"],
  ["manage_integration", "manage_members"],
];
const projectSets: ProjectPermission[][] = [[], ["read"], ["start_scan"], ["read", "start_scan"]];

interface Shape {
  label: string;
  grant: OrgGrant | null;
  instanceAdmin: boolean;
}

function shapes(): Shape[] {
  const out: Shape[] = [];
  for (const instanceAdmin of [false, true]) {
    out.push({ label: `no grant${instanceAdmin ? " +admin" : ""}`, grant: null, instanceAdmin });
    out.push({
      label: `owner${instanceAdmin ? " +admin" : ""}`,
      grant: { orgId: ORG, owner: true, permissions: [], projects: {} },
      instanceAdmin,
    });
    for (const perms of orgSets) {
      for (const pp of projectSets) {
        out.push({
          label: `org[${perms.join(",")}] project[${pp.join(",")}]${instanceAdmin ? " +admin" : ""}`,
          grant: {
            orgId: ORG,
            owner: false,
            permissions: perms,
            projects: { [PROJECT]: pp, [OTHER_PROJECT]: ["read", "start_scan"] },
          },
          instanceAdmin,
        });
      }
    }
  }
  return out;
}

function expected(need: Need, shape: Shape): "allow" | "not_found" | "forbidden" {
  if (need === "admin") return shape.instanceAdmin ? "allow" : "forbidden";
  if (!shape.grant) return "not_found";
  if (shape.grant.owner) return "allow";
  if ("org" in need) {
    return need.org === "any" || shape.grant.permissions.includes(need.org) ? "allow" : "forbidden";
  }
  return (shape.grant.projects[PROJECT] ?? []).includes(need.project) ? "allow" : "forbidden";
}

const rows = (Object.keys(SPEC) as Action[]).flatMap((action) =>
  shapes().map((shape) => ({
    name: `${action} by ${shape.label}`,
    action,
    shape,
    want: expected(SPEC[action], shape),
  })),
);

describe("authorize", () => {
  it("covers every action the policy knows", () => {
    const known = [
      ...Object.keys(ORG_ACTION_PERMISSIONS),
      ...Object.keys(PROJECT_ACTION_PERMISSIONS),
      ...ADMIN_ACTIONS,
    ];
    expect(known.sort()).toEqual(Object.keys(SPEC).sort());
  });

  it.each(rows)("$name → $want", ({ action, shape, want }) => {
    const principal: Principal = {
      id: "tok-1",
      name: "t",
      instanceAdmin: shape.instanceAdmin,
      grants: [
        // A grant in another org never helps.
        { orgId: "org-b", owner: true, permissions: ["manage_integration", "manage_members"], projects: {} },
        ...(shape.grant ? [shape.grant] : []),
      ],
    };
    const decision = authorize(principal, action, { orgId: ORG, projectId: PROJECT });
    expect(decision.allow ? "allow" : decision.reason).toBe(want);
  });

  it("needs a project id for project actions", () => {
    const principal: Principal = {
      id: "t",
      name: "t",
      instanceAdmin: false,
      grants: [{ orgId: ORG, owner: false, permissions: [], projects: {} }],
    };
    expect(() => authorize(principal, "project.view", { orgId: ORG })).toThrow(/projectId/);
  });
});
