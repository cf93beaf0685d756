import { describe, expect, it } from "vitest";
import { realmMayGetCredentials } from "./token-realm-trust.js";

describe("realmMayGetCredentials", () => {
  it.each([
    {
      name: "the registry's own host",
      registry: "http://127.0.0.1:5001",
      realm: "http://127.0.0.1:5001/token",
      extra: [],
      allowed: true,
    },
    {
      name: "Docker Hub's auth service",
      registry: "https://registry-1.docker.io",
      realm: "https://auth.docker.io/token",
      extra: [],
      allowed: true,
    },
    {
      name: "Scaleway's token service for a regional registry",
      registry: "https://rg.fr-par.scw.cloud",
      realm: "https://api.scaleway.com/registry-internal/v1/regions/fr-par/tokens",
      extra: [],
      allowed: true,
    },
    {
      name: "Scaleway's token service over plain http",
      registry: "https://rg.fr-par.scw.cloud",
      realm: "http://api.scaleway.com/tokens",
      extra: [],
      allowed: false,
    },
    {
      name: "Scaleway's token host for another registry",
      registry: "https://ghcr.io",
      realm: "https://api.scaleway.com/tokens",
      extra: [],
      allowed: false,
    },
    {
      name: "a look-alike Scaleway registry host",
      registry: "https://rg.fr-par.scw.cloud.evil.example",
      realm: "https://api.scaleway.com/tokens",
      extra: [],
      allowed: false,
    },
    {
      name: "Docker Hub's auth host for another registry",
      registry: "https://quay.io",
      realm: "https://auth.docker.io/token",
      extra: [],
      allowed: false,
    },
    {
      name: "a foreign host",
      registry: "https://registry.example.com",
      realm: "https://auth.example.net/token",
      extra: [],
      allowed: false,
    },
    {
      name: "a foreign host the user trusts",
      registry: "https://registry.gitlab.com",
      realm: "https://gitlab.com/jwt/auth",
      extra: ["gitlab.com"],
      allowed: true,
    },
    {
      name: "a trusted host:port",
      registry: "http://127.0.0.1:5000",
      realm: "http://localhost:5001/token",
      extra: ["localhost:5001"],
      allowed: true,
    },
    // Trust is per origin (scheme, host, port), not per host name.
    {
      name: "the registry's host on another port",
      registry: "http://127.0.0.1:5000",
      realm: "http://127.0.0.1:5001/token",
      extra: [],
      allowed: false,
    },
    {
      name: "the registry's host on another https port",
      registry: "https://registry.example.com",
      realm: "https://registry.example.com:8443/token",
      extra: [],
      allowed: false,
    },
    {
      name: "the registry's host over plain http",
      registry: "https://registry.example.com",
      realm: "http://registry.example.com/token",
      extra: [],
      allowed: false,
    },
    {
      name: "the registry's host with its default port written out",
      registry: "https://registry.example.com:443",
      realm: "https://registry.example.com/token",
      extra: [],
      allowed: true,
    },
    {
      name: "Docker Hub's auth service on another port",
      registry: "https://registry-1.docker.io",
      realm: "https://auth.docker.io:8443/token",
      extra: [],
      allowed: false,
    },
    {
      name: "Scaleway's token service on another port",
      registry: "https://rg.fr-par.scw.cloud",
      realm: "https://api.scaleway.com:444/tokens",
      extra: [],
      allowed: false,
    },
    {
      name: "Scaleway's token service for a Scaleway host on another port",
      registry: "https://rg.fr-par.scw.cloud:8443",
      realm: "https://api.scaleway.com/tokens",
      extra: [],
      allowed: false,
    },
    {
      name: "a trusted host:port, on another port",
      registry: "http://127.0.0.1:5000",
      realm: "http://localhost:5002/token",
      extra: ["localhost:5001"],
      allowed: false,
    },
    {
      name: "a trusted host over http for an https registry",
      registry: "https://registry.gitlab.com",
      realm: "http://gitlab.com/jwt/auth",
      extra: ["gitlab.com"],
      allowed: false,
    },
    {
      name: "a trusted origin",
      registry: "https://registry.gitlab.com",
      realm: "https://gitlab.com:8443/jwt/auth",
      extra: ["https://gitlab.com:8443"],
      allowed: true,
    },
    {
      name: "a trusted origin, other scheme",
      registry: "http://127.0.0.1:5000",
      realm: "http://gitlab.example/jwt/auth",
      extra: ["https://gitlab.example"],
      allowed: false,
    },
  ])("$name → $allowed", ({ registry, realm, extra, allowed }) => {
    expect(realmMayGetCredentials(registry, new URL(realm), extra)).toBe(allowed);
  });
});
