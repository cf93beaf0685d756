import { describe } from "vitest";
import { describeRegistryGatewayContract } from "./contracts/describe-registry-gateway-contract.js";
import { createFakeRegistryGateway } from "./fake-registry-gateway.js";

// STYLE.md: every fake runs its port's contract, so core tests that use it can trust it.
describe("core's fake RegistryGateway", () => {
  describeRegistryGatewayContract((world) => ({ gateway: createFakeRegistryGateway(world) }));
});
