// Public surface of @regscan/core.
export * from "./errors/domain-error.js";
export * from "./model/organization.js";
export * from "./model/principal.js";
export * from "./model/credential.js";
export * from "./model/audit.js";
export type * from "./ports/repositories.js";
export type * from "./ports/secret-cipher.js";
export type * from "./ports/system.js";
export type * from "./ports/registry-gateway.js";
