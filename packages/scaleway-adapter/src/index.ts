// Public surface of @regscan/scaleway-adapter.
export { createScalewayRegistryGateway, type ScalewayRegistryGatewayOptions } from "./scaleway-registry-gateway.js";
export { parseRetryAfter } from "./guarded-fetch.js";
