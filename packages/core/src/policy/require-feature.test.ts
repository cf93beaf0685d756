import { describe, expect, it } from "vitest";
import { isDomainError } from "../errors/domain-error.js";
import type { Organization } from "../model/organization.js";
import { requireFeature } from "./require-feature.js";

const org = (features: Organization["features"]): Organization => ({
  id: "o",
  name: "acme",
  features,
  createdAt: new Date(0),
});

describe("requireFeature", () => {
  it("passes when the plan has the feature", () => {
    expect(() => requireFeature(org(["container_scanning"]), "container_scanning")).not.toThrow();
  });

  it("throws feature_not_enabled naming the missing feature", () => {
    try {
      requireFeature(org([]), "container_scanning");
      expect.unreachable();
    } catch (e) {
      expect(isDomainError(e) && e.code).toBe("feature_not_enabled");
      expect((e as Error).message).toMatch(/plan .* does not include container_scanning/);
    }
  });
});
