import { z } from "zod";
import { recordAudit } from "../audit/record-audit.js";
import { type CoreDeps, withTransaction } from "../deps.js";
import { DomainError } from "../errors/domain-error.js";
import { FEATURES, type Feature, type Organization } from "../model/organization.js";
import { ORG_PERMISSIONS, type Principal } from "../model/principal.js";
import { requireAllowed } from "../policy/require-allowed.js";
import { namedInputSchema } from "../validation/common-schemas.js";
import { parseInput } from "../validation/parse-input.js";

function orgNotFound(): DomainError {
  return new DomainError("not_found", "The organization does not exist or you have no access to it.");
}

/**
 * Creates an organization with the instance's default features (`settings.defaultFeatures`); the
 * caller becomes its owner (its token gets an owner grant). Only an instance admin may, unless
 * `settings.orgCreation` is `any`. The organization, the grant and the audit entry commit together.
 */
export async function createOrg(deps: CoreDeps, principal: Principal, input: unknown): Promise<Organization> {
  if (deps.settings.orgCreation === "admin" && !principal.instanceAdmin) {
    throw new DomainError(
      "forbidden",
      "Creating organizations is reserved to the instance administrator on this regscan instance " +
        "(REGSCAN_ORG_CREATION=admin). Ask the operator to create it, or to set REGSCAN_ORG_CREATION=any.",
      { action: "org.create" },
    );
  }
  const { name } = parseInput(namedInputSchema, input, "The organization");
  const org: Organization = {
    id: deps.ids.next(),
    name,
    features: [...new Set(deps.settings.defaultFeatures)],
    createdAt: deps.clock.now(),
  };
  await withTransaction(deps, async (tx) => {
    await tx.orgs.createOrg(org);
    await tx.tokens.putGrant(principal.id, {
      orgId: org.id,
      owner: true,
      permissions: [...ORG_PERMISSIONS],
      projects: {},
    });
    await recordAudit(tx, {
      orgId: org.id,
      actorId: principal.id,
      action: "org.create",
      targetType: "organization",
      targetId: org.id,
      metadata: { features: org.features },
    });
  });
  return org;
}

/** An organization the principal holds any grant in. */
export async function getOrg(deps: CoreDeps, principal: Principal, orgId: string): Promise<Organization> {
  requireAllowed(principal, "org.view", { orgId });
  const org = await deps.orgs.getOrg(orgId);
  if (!org) throw orgNotFound();
  return org;
}

const featuresSchema = z
  .array(z.enum(FEATURES, { error: `Unknown feature; known features: ${FEATURES.join(", ")}.` }), {
    error: "Must be a list of features.",
  })
  .max(FEATURES.length * 4, "Too many features.");

/** Replaces an organization's plan features with `features` (a list; instance admin only). */
export async function setOrgFeatures(
  deps: CoreDeps,
  principal: Principal,
  orgId: string,
  features: unknown,
): Promise<Organization> {
  requireAllowed(principal, "admin.features", { orgId });
  const parsed = parseInput(featuresSchema, features, "The feature list");
  const unique: Feature[] = [...new Set(parsed)];
  return withTransaction(deps, async (tx) => {
    const org = await tx.orgs.getOrg(orgId);
    if (!org) throw new DomainError("not_found", `No organization with id ${orgId}.`);
    await tx.orgs.setFeatures(orgId, unique);
    await recordAudit(tx, {
      orgId,
      actorId: principal.id,
      action: "org.features",
      targetType: "organization",
      targetId: orgId,
      metadata: { features: unique },
    });
    return { ...org, features: unique };
  });
}
