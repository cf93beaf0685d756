import { recordAudit } from "../audit/record-audit.js";
import type { CoreDeps } from "../deps.js";
import { FEATURES, type Organization, type Project } from "../model/organization.js";
import { type ApiToken, ORG_PERMISSIONS } from "../model/principal.js";
import { validationError } from "../validation/parse-input.js";

/** Shortest accepted `REGSCAN_BOOTSTRAP_TOKEN`. */
export const MIN_BOOTSTRAP_TOKEN_LENGTH = 16;

/**
 * First start on an empty database: organization `default` (every feature), project `default`
 * and an owner token that is also instance admin. Does nothing when any organization exists.
 * `tokenValue` (from `REGSCAN_BOOTSTRAP_TOKEN`) sets the token's value; otherwise one is generated
 * and returned once (`tokenValue` in the result only then) for the caller to print.
 */
export async function bootstrap(
  deps: CoreDeps,
  options: { tokenValue?: string | undefined } = {},
): Promise<{ created: boolean; tokenValue?: string }> {
  if (options.tokenValue !== undefined && options.tokenValue.length < MIN_BOOTSTRAP_TOKEN_LENGTH) {
    throw validationError(
      [{ path: "REGSCAN_BOOTSTRAP_TOKEN", message: `Must be at least ${MIN_BOOTSTRAP_TOKEN_LENGTH} characters.` }],
      "The bootstrap token",
    );
  }
  if ((await deps.orgs.countOrgs()) > 0) return { created: false };
  const now = deps.clock.now();
  const org: Organization = { id: deps.ids.next(), name: "default", features: [...FEATURES], createdAt: now };
  const project: Project = { id: deps.ids.next(), orgId: org.id, name: "default", createdAt: now };
  const value = options.tokenValue ?? deps.hasher.generate();
  const token: ApiToken = {
    id: deps.ids.next(),
    name: "bootstrap",
    orgId: org.id,
    tokenHash: await deps.hasher.hash(value),
    instanceAdmin: true,
    grants: [{ orgId: org.id, owner: true, permissions: [...ORG_PERMISSIONS], projects: {} }],
    createdAt: now,
    createdBy: "bootstrap",
  };
  await deps.orgs.createOrg(org);
  await deps.orgs.createProject(project);
  await deps.tokens.create(token);
  const audit = { orgId: org.id, actorId: "system" } as const;
  await recordAudit(deps, { ...audit, action: "org.create", targetType: "organization", targetId: org.id });
  await recordAudit(deps, { ...audit, action: "project.create", targetType: "project", targetId: project.id });
  await recordAudit(deps, { ...audit, action: "token.create", targetType: "token", targetId: token.id });
  return options.tokenValue === undefined ? { created: true, tokenValue: value } : { created: true };
}
