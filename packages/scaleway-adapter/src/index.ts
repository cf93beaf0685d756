// Public surface of @regscan/scaleway-adapter.

export { parseRetryAfter } from "./guarded-fetch.js";
export { createScalewayRegistryGateway, type ScalewayRegistryGatewayOptions } from "./scaleway-registry-gateway.js";
