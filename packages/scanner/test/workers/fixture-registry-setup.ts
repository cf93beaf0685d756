/**
 * globalSetup of the Workers project (runs in Node, not workerd): serves the layer fixtures as one
 * image `test/image:latest` from a registry on 127.0.0.1 (free port), for the registry-source
 * test inside workerd, and stops it after the run.
 */

import { readFileSync } from "node:fs";
import type { TestProject } from "vitest/node";
import { startFixtureRegistry } from "../../src/cli/test-support/fixture-registry.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** `127.0.0.1:PORT` of the fixture registry. */
    fixtureRegistry: string;
  }
}

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/layers/${name}`, import.meta.url)));

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const registry = await startFixtureRegistry([
    { blob: fixture("base.tar.gz"), tar: fixture("base.tar") },
    { blob: fixture("upper-whiteouts.tar"), mediaType: "application/vnd.oci.image.layer.v1.tar" },
  ]);
  project.provide("fixtureRegistry", registry.host);
  return () => registry.close();
}
