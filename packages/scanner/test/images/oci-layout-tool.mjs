// Helpers for build-images.sh over an OCI image layout (umoci cannot make multi-platform indexes).
//   node oci-layout-tool.mjs index DIR NEWTAG TAG:os/arch[/variant]...  adds an OCI index tagged NEWTAG
//   node oci-layout-tool.mjs describe DIR   prints {tag: {manifestDigest, mediaType, ...}} as JSON
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [command, dir, ...rest] = process.argv.slice(2);
const indexPath = join(dir, "index.json");
const layoutIndex = JSON.parse(readFileSync(indexPath, "utf8"));
const blob = (digest) => readFileSync(join(dir, "blobs", ...digest.split(":")));
const tagged = (tag) => {
  const d = layoutIndex.manifests.find((m) => m.annotations?.["org.opencontainers.image.ref.name"] === tag);
  if (!d) throw new Error(`no tag ${tag} in ${dir}`);
  return d;
};

function addIndex(newTag, entries) {
  const manifests = entries.map((entry) => {
    const [tag, platform] = entry.split(":");
    const [os, architecture, variant] = platform.split("/");
    const { mediaType, digest, size } = tagged(tag);
    return { mediaType, digest, size, platform: { architecture, os, ...(variant ? { variant } : {}) } };
  });
  const bytes = Buffer.from(
    JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.index.v1+json", manifests }),
  );
  const hex = createHash("sha256").update(bytes).digest("hex");
  writeFileSync(join(dir, "blobs", "sha256", hex), bytes);
  layoutIndex.manifests.push({
    mediaType: "application/vnd.oci.image.index.v1+json",
    digest: `sha256:${hex}`,
    size: bytes.length,
    annotations: { "org.opencontainers.image.ref.name": newTag },
  });
  writeFileSync(indexPath, JSON.stringify(layoutIndex));
}

function describeManifest(digest) {
  const manifest = JSON.parse(blob(digest));
  if (manifest.manifests) {
    return {
      manifestDigest: digest,
      mediaType: manifest.mediaType,
      platforms: manifest.manifests.map((m) => ({ platform: m.platform, ...describeManifest(m.digest) })),
    };
  }
  const config = JSON.parse(blob(manifest.config.digest));
  return {
    manifestDigest: digest,
    mediaType: manifest.mediaType,
    configDigest: manifest.config.digest,
    diffIds: config.rootfs.diff_ids,
    layers: manifest.layers.map(({ mediaType, digest: d, size }) => ({ mediaType, digest: d, size })),
  };
}

if (command === "index") {
  addIndex(rest[0], rest.slice(1));
} else if (command === "describe") {
  const out = {};
  for (const m of layoutIndex.manifests) {
    out[m.annotations["org.opencontainers.image.ref.name"]] = describeManifest(m.digest);
  }
  process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
} else {
  throw new Error(`unknown command ${command}`);
}
