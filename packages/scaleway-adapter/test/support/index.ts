// Test support of @regscan/scaleway-adapter (import from "@regscan/scaleway-adapter/testing").
export { credentialFor } from "./credential-for.js";
export { startFakeScaleway, type FakeScaleway, type FakeRequestLog } from "./fake-scaleway.js";
export {
  FakeScalewayState,
  FAKE_ORGANIZATION_ID,
  FAKE_REGIONS,
  canSee,
  type FakeKey,
  type FakeRegion,
  type WireImage,
  type WireNamespace,
  type WireTag,
} from "./fake-scaleway-state.js";
