// Test support of @regscan/scaleway-adapter (import from "@regscan/scaleway-adapter/testing").
export { credentialFor } from "./credential-for.js";
export { type FakeRequestLog, type FakeScaleway, startFakeScaleway } from "./fake-scaleway.js";
export {
  canSee,
  FAKE_ORGANIZATION_ID,
  FAKE_REGIONS,
  type FakeKey,
  type FakeRegion,
  FakeScalewayState,
  type WireImage,
  type WireNamespace,
  type WireTag,
} from "./fake-scaleway-state.js";
