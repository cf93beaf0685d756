import { describeRegistryGatewayContract } from "@regscan/core/testing/contracts";
import { describe } from "vitest";
import { FakeScalewayState, startFakeScaleway } from "../test/support/index.js";
import { createScalewayRegistryGateway } from "./scaleway-registry-gateway.js";

// The Scaleway gateway against the fake Scaleway API, seeded with the contract's world.
describe("ScalewayRegistryGateway", () => {
  describeRegistryGatewayContract(async (world) => {
    const state = new FakeScalewayState();
    for (const key of world.keys) {
      state.addKey(key.secretKey, {
        projects: key.projects,
        hasRegistryPermission: key.registryAccess,
        revoked: key.revoked,
      });
    }
    for (const ns of world.namespaces) {
      const namespace = state.addNamespace({ name: ns.name, projectId: ns.projectId, region: ns.region });
      for (const image of ns.images) {
        const added = state.addImage(namespace, { name: image.name });
        for (const tag of image.tags) state.addTag(added, tag);
      }
    }
    const fake = await startFakeScaleway(state);
    return { gateway: createScalewayRegistryGateway({ apiUrl: fake.url, retries: 0 }), close: () => fake.close() };
  });
});
