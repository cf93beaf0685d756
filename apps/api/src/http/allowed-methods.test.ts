import { describe, expect, it } from "vitest";
import { allowedMethodsOf } from "./allowed-methods.js";

const routes = [
  { method: "ALL", path: "*" },
  { method: "ALL", path: "/v1/*" },
  { method: "GET", path: "/v1/me" },
  { method: "POST", path: "/v1/orgs" },
  { method: "GET", path: "/v1/orgs/:orgId/tokens" },
  { method: "POST", path: "/v1/orgs/:orgId/tokens" },
  { method: "DELETE", path: "/v1/orgs/:orgId/tokens/:tokenId" },
  { method: "GET", path: "/openapi.json" },
];

describe("allowedMethodsOf", () => {
  const allowed = allowedMethodsOf(routes);
  it.each([
    { path: "/v1/me", methods: ["GET", "HEAD"] },
    { path: "/v1/orgs", methods: ["POST"] },
    { path: "/v1/orgs/o-1/tokens", methods: ["GET", "HEAD", "POST"] },
    { path: "/v1/orgs/o-1/tokens/", methods: ["GET", "HEAD", "POST"] },
    { path: "/v1/orgs/o-1/tokens/t-1", methods: ["DELETE"] },
    { path: "/openapi.json", methods: ["GET", "HEAD"] },
    { path: "/openapiXjson", methods: [] },
    { path: "/v1/orgs/o-1/tokens/t-1/extra", methods: [] },
    { path: "/v1/nothing", methods: [] },
  ])("$path → $methods (middleware is not a route)", ({ path, methods }) => {
    expect(allowed(path)).toEqual(methods);
  });
});
