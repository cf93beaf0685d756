import { z } from "zod";
import { recordAudit } from "../audit/record-audit.js";
import { type CoreDeps, withTransaction } from "../deps.js";
import { DomainError } from "../errors/domain-error.js";
import {
  type ApiToken,
  ORG_PERMISSIONS,
  type OrgGrant,
  type OrgPermission,
  PROJECT_PERMISSIONS,
  type Principal,
  type ProjectPermission,
} from "../model/principal.js";
import { grantFor } from "../policy/authorize.js";
import { requireAllowed } from "../policy/require-allowed.js";
import { nameSchema } from "../validation/common-schemas.js";
import { type FieldError, parseInput, validationError } from "../validation/parse-input.js";

/** Permissions as the API shows them: `{org: [...], projects: {"<projectId>": [...]}}`. */
export interface TokenPermissions {
  org: OrgPermission[];
  projects: Record<string, ProjectPermission[]>;
}

/** A token without its hash, as listed by the API. */
export interface PublicToken {
  id: string;
  name: string;
  orgId: string;
  permissions: TokenPermissions;
  createdAt: Date;
  createdBy: string;
}

const createTokenSchema = z.strictObject({
  name: nameSchema,
  permissions: z.strictObject({
    org: z.array(z.enum(ORG_PERMISSIONS, { error: `Must be one of ${ORG_PERMISSIONS.join(", ")}.` })).default([]),
    projects: z
      .record(
        z.string().min(1),
        z.array(z.enum(PROJECT_PERMISSIONS, { error: `Must be one of ${PROJECT_PERMISSIONS.join(", ")}.` })),
      )
      .default({}),
  }),
});

/** The token's permissions in the org it was issued in (an owner grant shows every permission). */
export function toPublicToken(token: ApiToken): PublicToken {
  const grant = token.grants.find((g) => g.orgId === token.orgId);
  const permissions: TokenPermissions = grant?.owner
    ? { org: [...ORG_PERMISSIONS], projects: {} }
    : { org: [...(grant?.permissions ?? [])], projects: structuredClone(grant?.projects ?? {}) };
  return {
    id: token.id,
    name: token.name,
    orgId: token.orgId,
    permissions,
    createdAt: token.createdAt,
    createdBy: token.createdBy,
  };
}

function holds(grant: OrgGrant, projectId: string, permission: ProjectPermission): boolean {
  return grant.owner || (grant.projects[projectId] ?? []).includes(permission);
}

/**
 * Issues a token in the organization (`manage_members`). The value is returned once; only its
 * hash is stored. Projects must belong to the org (`validation_failed`); a caller cannot grant a
 * permission it does not hold itself (`forbidden`).
 */
export async function createToken(
  deps: CoreDeps,
  principal: Principal,
  orgId: string,
  input: unknown,
): Promise<{ token: ApiToken; value: string }> {
  requireAllowed(principal, "token.create", { orgId });
  const { name, permissions } = parseInput(createTokenSchema, input, "The token");
  const errors: FieldError[] = [];
  for (const projectId of Object.keys(permissions.projects)) {
    const project = await deps.orgs.getProject(projectId);
    if (!project || project.orgId !== orgId) {
      errors.push({ path: `permissions.projects.${projectId}`, message: "No such project in this organization." });
    }
  }
  if (errors.length > 0) throw validationError(errors, "The token");
  const own = grantFor(principal, orgId);
  if (!own) throw new DomainError("not_found", "The organization does not exist or you have no access to it.");
  const excess = [
    ...permissions.org.filter((p) => !own.owner && !own.permissions.includes(p)),
    ...Object.entries(permissions.projects).flatMap(([projectId, perms]) =>
      perms.filter((p) => !holds(own, projectId, p)).map((p) => `${p} on ${projectId}`),
    ),
  ];
  if (excess.length > 0) {
    throw new DomainError("forbidden", `You cannot grant permissions you do not hold: ${excess.join(", ")}.`, {
      permissions: excess,
    });
  }
  const value = deps.hasher.generate();
  const token: ApiToken = {
    id: deps.ids.next(),
    name,
    orgId,
    tokenHash: await deps.hasher.hash(value),
    instanceAdmin: false,
    grants: [
      {
        orgId,
        owner: false,
        permissions: [...new Set(permissions.org)],
        projects: Object.fromEntries(Object.entries(permissions.projects).map(([id, p]) => [id, [...new Set(p)]])),
      },
    ],
    createdAt: deps.clock.now(),
    createdBy: principal.id,
  };
  // Projects are never deleted, so the check above still holds here.
  await withTransaction(deps, async (tx) => {
    await tx.tokens.create(token);
    await recordAudit(tx, {
      orgId,
      actorId: principal.id,
      action: "token.create",
      targetType: "token",
      targetId: token.id,
    });
  });
  return { token, value };
}

/** Tokens issued in the organization, oldest first (`manage_members`). */
export async function listTokens(deps: CoreDeps, principal: Principal, orgId: string): Promise<ApiToken[]> {
  requireAllowed(principal, "token.list", { orgId });
  return deps.tokens.listByOrg(orgId);
}

/**
 * Revokes a token issued in the organization (`manage_members`; owner tokens only by an owner).
 * The last instance-admin token cannot be revoked (`conflict`): the instance would have no
 * administrator left. The check and the deletion are one transaction, so two revocations at once
 * cannot both pass it.
 */
export async function deleteToken(deps: CoreDeps, principal: Principal, orgId: string, tokenId: string): Promise<void> {
  requireAllowed(principal, "token.delete", { orgId });
  await withTransaction(deps, async (tx) => {
    const token = await tx.tokens.get(tokenId);
    if (!token || token.orgId !== orgId) throw new DomainError("not_found", "No such token in this organization.");
    const target = token.grants.find((g) => g.orgId === orgId);
    if ((token.instanceAdmin || target?.owner) && !grantFor(principal, orgId)?.owner) {
      throw new DomainError(
        "forbidden",
        "Only an owner of the organization can revoke an owner or instance-admin token.",
      );
    }
    if (token.instanceAdmin && (await tx.tokens.countInstanceAdmins()) <= 1) {
      throw new DomainError(
        "conflict",
        "This is the last instance-admin token: revoking it would leave this regscan instance without an " +
          "administrator, with no way to get one back. It stays valid.",
        { tokenId, reason: "last_instance_admin" },
      );
    }
    if (!(await tx.tokens.delete(tokenId))) throw new DomainError("not_found", "No such token in this organization.");
    await recordAudit(tx, {
      orgId,
      actorId: principal.id,
      action: "token.delete",
      targetType: "token",
      targetId: tokenId,
    });
  });
}

/** Resolves a bearer token value to its principal, or throws `unauthenticated`. */
export async function authenticate(
  deps: Pick<CoreDeps, "tokens" | "hasher">,
  bearerValue: string | null | undefined,
): Promise<Principal> {
  if (!bearerValue) {
    throw new DomainError("unauthenticated", "Missing bearer token: send `Authorization: Bearer <token>`.");
  }
  const token = await deps.tokens.findByHash(await deps.hasher.hash(bearerValue));
  if (!token) throw new DomainError("unauthenticated", "The bearer token is unknown or was revoked.");
  return { id: token.id, name: token.name, instanceAdmin: token.instanceAdmin, grants: token.grants };
}
