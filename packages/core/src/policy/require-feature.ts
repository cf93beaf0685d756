import { DomainError } from "../errors/domain-error.js";
import type { Feature, Organization } from "../model/organization.js";

/** Throws DomainError `feature_not_enabled` when the organization's plan lacks `feature`. */
export function requireFeature(org: Organization, feature: Feature): void {
  if (org.features.includes(feature)) return;
  throw new DomainError(
    "feature_not_enabled",
    `The plan of organization "${org.name}" does not include ${feature}; ask the instance operator to enable it.`,
    { feature },
  );
}
