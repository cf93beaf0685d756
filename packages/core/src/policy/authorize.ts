import type { OrgGrant, OrgPermission, Principal, ProjectPermission } from "../model/principal.js";

/** Actions decided at organization level and the org permission each needs (`null`: any grant). */
export const ORG_ACTION_PERMISSIONS = {
  "org.view": null,
  "org.projects.list": null,
  "project.create": "manage_members",
  "token.create": "manage_members",
  "token.list": "manage_members",
  "token.delete": "manage_members",
  "credential.create": "manage_integration",
  "credential.rotate": "manage_integration",
  "credential.delete": "manage_integration",
  "credential.verify": "manage_integration",
  "credential.list_org": "manage_integration",
  "audit.read": "manage_integration",
} as const satisfies Record<string, OrgPermission | null>;

/** Actions decided on one project and the project permission each needs. */
export const PROJECT_ACTION_PERMISSIONS = {
  "project.view": "read",
  "credential.view": "read",
  "registry.browse": "read",
  "scan.view": "read",
  "scan.start": "start_scan",
  "scan.cancel": "start_scan",
} as const satisfies Record<string, ProjectPermission>;

/** Operator actions: only an instance admin may perform them. */
export const ADMIN_ACTIONS = ["admin.features", "admin.reencrypt", "admin.advisories"] as const;

export type OrgAction = keyof typeof ORG_ACTION_PERMISSIONS;
export type ProjectAction = keyof typeof PROJECT_ACTION_PERMISSIONS;
export type AdminAction = (typeof ADMIN_ACTIONS)[number];
export type Action = OrgAction | ProjectAction | AdminAction;

/** What an action applies to. Project actions need `projectId` (a project carries its `orgId`). */
export interface AuthzTarget {
  orgId: string;
  projectId?: string;
}

/**
 * The decision. `not_found` when the principal holds no grant at all in the target org (so that
 * other organizations' resources cannot be enumerated), `forbidden` when it holds a grant there but
 * not the permission.
 */
export type Decision = { allow: true } | { allow: false; reason: "not_found" | "forbidden" };

const ALLOW: Decision = { allow: true };

function isAdminAction(action: Action): action is AdminAction {
  return (ADMIN_ACTIONS as readonly string[]).includes(action);
}

function isProjectAction(action: Action): action is ProjectAction {
  return action in PROJECT_ACTION_PERMISSIONS;
}

/** The principal's grant in `orgId`, if any. */
export function grantFor(principal: Principal, orgId: string): OrgGrant | undefined {
  return principal.grants.find((g) => g.orgId === orgId);
}

/**
 * Decides whether `principal` may perform `action` on `target`. Admin actions ignore the target's
 * organization grants: only `instanceAdmin` matters.
 */
export function authorize(principal: Principal, action: Action, target?: AuthzTarget): Decision {
  if (isAdminAction(action)) {
    return principal.instanceAdmin ? ALLOW : { allow: false, reason: "forbidden" };
  }
  if (!target) throw new TypeError(`authorize: action ${action} needs a target`);
  const grant = grantFor(principal, target.orgId);
  if (!grant) return { allow: false, reason: "not_found" };
  if (grant.owner) return ALLOW;
  if (isProjectAction(action)) {
    if (target.projectId === undefined) throw new TypeError(`authorize: action ${action} needs a projectId`);
    const needed = PROJECT_ACTION_PERMISSIONS[action];
    const held = grant.projects[target.projectId] ?? [];
    return held.includes(needed) ? ALLOW : { allow: false, reason: "forbidden" };
  }
  const needed = ORG_ACTION_PERMISSIONS[action];
  if (needed === null || grant.permissions.includes(needed)) return ALLOW;
  return { allow: false, reason: "forbidden" };
}
