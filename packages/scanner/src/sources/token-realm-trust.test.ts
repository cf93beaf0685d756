import { describe, expect, it } from "vitest";
import { realmMayGetCredentials } from "./token-realm-trust.js";

describe("realmMayGetCredentials", () => {
  it.each([
    {
      name: "the registry's own host",
      registry: "127.0.0.1",
      realm: "http://127.0.0.1:5001/token",
      extra: [],
      allowed: true,
    },
    {
      name: "Docker Hub's auth service",
      registry: "registry-1.docker.io",
      realm: "https://auth.docker.io/token",
      extra: [],
      allowed: true,
    },
    {
      name: "Scaleway's token service for a regional registry",
      registry: "rg.fr-par.scw.cloud",
      realm: "https://api.scaleway.com/registry-internal/v1/regions/fr-par/tokens",
      extra: [],
      allowed: true,
    },
    {
      name: "Scaleway's token service over plain http",
      registry: "rg.fr-par.scw.cloud",
      realm: "http://api.scaleway.com/tokens",
      extra: [],
      allowed: false,
    },
    {
      name: "Scaleway's token host for another registry",
      registry: "ghcr.io",
      realm: "https://api.scaleway.com/tokens",
      extra: [],
      allowed: false,
    },
    {
      name: "a look-alike Scaleway registry host",
      registry: "rg.fr-par.scw.cloud.evil.example",
      realm: "https://api.scaleway.com/tokens",
      extra: [],
      allowed: false,
    },
    {
      name: "Docker Hub's auth host for another registry",
      registry: "quay.io",
      realm: "https://auth.docker.io/token",
      extra: [],
      allowed: false,
    },
    {
      name: "a foreign host",
      registry: "registry.example.com",
      realm: "https://auth.example.net/token",
      extra: [],
      allowed: false,
    },
    {
      name: "a foreign host the user trusts",
      registry: "registry.gitlab.com",
      realm: "https://gitlab.com/jwt/auth",
      extra: ["gitlab.com"],
      allowed: true,
    },
    {
      name: "a trusted host:port",
      registry: "127.0.0.1",
      realm: "http://localhost:5001/token",
      extra: ["localhost:5001"],
      allowed: true,
    },
  ])("$name → $allowed", ({ registry, realm, extra, allowed }) => {
    expect(realmMayGetCredentials(registry, new URL(realm), extra)).toBe(allowed);
  });
});
