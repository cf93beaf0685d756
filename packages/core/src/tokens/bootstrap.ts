import { recordAudit } from "../audit/record-audit.js";
import { type CoreDeps, withTransaction } from "../deps.js";
import { DomainError } from "../errors/domain-error.js";
import { FEATURES, type Organization, type Project } from "../model/organization.js";
import { type ApiToken, ORG_PERMISSIONS } from "../model/principal.js";
import { validationError } from "../validation/parse-input.js";

/** Shortest accepted `REGSCAN_BOOTSTRAP_TOKEN`. */
export const MIN_BOOTSTRAP_TOKEN_LENGTH = 16;

/**
 * What `bootstrap` did. `created`: the database was empty and now holds organization and project
 * `default` and the admin token. `restored`: no instance-admin token existed, so one was created
 * from `REGSCAN_BOOTSTRAP_TOKEN`. `adminMissing`: none exists and none could be restored (no
 * token value was given): the caller should warn. `tokenValue`: the generated value, only on
 * creation without a given value (print it once).
 */
export interface BootstrapResult {
  created: boolean;
  restored?: true;
  adminMissing?: true;
  tokenValue?: string;
}

function adminToken(orgId: string, tokenHash: string, id: string, at: Date): ApiToken {
  return {
    id,
    name: "bootstrap",
    orgId,
    tokenHash,
    instanceAdmin: true,
    grants: [{ orgId, owner: true, permissions: [...ORG_PERMISSIONS], projects: {} }],
    createdAt: at,
    createdBy: "bootstrap",
  };
}

/**
 * Run on every start. On an empty database: organization `default` (every feature), project
 * `default` and an owner token that is also instance admin. On a database without any
 * instance-admin token (the last one was lost): with `tokenValue`, an instance-admin owner token of
 * the oldest organization with that value (audited as `token.create` with `restored: true`).
 * Otherwise nothing. `tokenValue` (from `REGSCAN_BOOTSTRAP_TOKEN`) sets the token's value; without
 * it a value is generated on an empty database and returned once. Everything it writes commits in
 * one transaction, so two processes starting together on one empty database bootstrap it once,
 * and a failure half-way leaves nothing behind (the next start tries again).
 */
export async function bootstrap(
  deps: CoreDeps,
  options: { tokenValue?: string | undefined } = {},
): Promise<BootstrapResult> {
  const given = options.tokenValue;
  if (given !== undefined && given.length < MIN_BOOTSTRAP_TOKEN_LENGTH) {
    throw validationError(
      [{ path: "REGSCAN_BOOTSTRAP_TOKEN", message: `Must be at least ${MIN_BOOTSTRAP_TOKEN_LENGTH} characters.` }],
      "The bootstrap token",
    );
  }
  const givenHash = given === undefined ? undefined : await deps.hasher.hash(given);
  return withTransaction(deps, async (tx) => {
    if ((await tx.tokens.countInstanceAdmins()) > 0) return { created: false };
    const now = tx.clock.now();
    const first = await tx.orgs.firstOrg();
    if (first) {
      if (givenHash === undefined) return { created: false, adminMissing: true };
      if (await tx.tokens.findByHash(givenHash)) {
        throw new DomainError(
          "conflict",
          "REGSCAN_BOOTSTRAP_TOKEN is the value of an existing token that is not an instance admin, so it cannot " +
            "restore the instance-admin token: choose another value.",
          { setting: "REGSCAN_BOOTSTRAP_TOKEN" },
        );
      }
      const token = adminToken(first.id, givenHash, tx.ids.next(), now);
      await tx.tokens.create(token);
      await recordAudit(tx, {
        orgId: first.id,
        actorId: "system",
        action: "token.create",
        targetType: "token",
        targetId: token.id,
        metadata: { restored: true, reason: "no instance-admin token existed" },
      });
      return { created: false, restored: true };
    }
    const org: Organization = { id: tx.ids.next(), name: "default", features: [...FEATURES], createdAt: now };
    const project: Project = { id: tx.ids.next(), orgId: org.id, name: "default", createdAt: now };
    const value = given ?? tx.hasher.generate();
    const token = adminToken(org.id, givenHash ?? (await tx.hasher.hash(value)), tx.ids.next(), now);
    await tx.orgs.createOrg(org);
    await tx.orgs.createProject(project);
    await tx.tokens.create(token);
    const audit = { orgId: org.id, actorId: "system" } as const;
    await recordAudit(tx, { ...audit, action: "org.create", targetType: "organization", targetId: org.id });
    await recordAudit(tx, { ...audit, action: "project.create", targetType: "project", targetId: project.id });
    await recordAudit(tx, { ...audit, action: "token.create", targetType: "token", targetId: token.id });
    return given === undefined ? { created: true, tokenValue: value } : { created: true };
  });
}
