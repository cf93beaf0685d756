/** Media types of OCI and Docker image manifests, configs and layers. */

export const MediaTypes = {
  ociManifest: "application/vnd.oci.image.manifest.v1+json",
  ociIndex: "application/vnd.oci.image.index.v1+json",
  ociConfig: "application/vnd.oci.image.config.v1+json",
  ociLayer: "application/vnd.oci.image.layer.v1.tar",
  ociLayerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  ociLayerZstd: "application/vnd.oci.image.layer.v1.tar+zstd",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerManifestList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  /** docker-archive layers are plain tars: the walk reads them uncompressed. */
  dockerLayer: "application/vnd.docker.image.rootfs.diff.tar",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip",
  dockerForeignLayerGzip: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
  dockerSchema1: "application/vnd.docker.distribution.manifest.v1+json",
  dockerSchema1Signed: "application/vnd.docker.distribution.manifest.v1+prettyjws",
} as const;

/** Accept header for manifest requests. Schema 1 is accepted only to report it clearly. */
export const MANIFEST_ACCEPT = [
  MediaTypes.ociIndex,
  MediaTypes.ociManifest,
  MediaTypes.dockerManifestList,
  MediaTypes.dockerManifest,
  `${MediaTypes.dockerSchema1Signed};q=0.5`,
  `${MediaTypes.dockerSchema1};q=0.5`,
].join(", ");

export const INDEX_MEDIA_TYPES: readonly string[] = [MediaTypes.ociIndex, MediaTypes.dockerManifestList];
export const IMAGE_MANIFEST_MEDIA_TYPES: readonly string[] = [MediaTypes.ociManifest, MediaTypes.dockerManifest];
export const CONFIG_MEDIA_TYPES: readonly string[] = [MediaTypes.ociConfig, MediaTypes.dockerConfig];

/** Layer media types the walk can read (plain, gzip, zstd; Docker's foreign layers are gzip tars). */
export const LAYER_MEDIA_TYPES: readonly string[] = [
  MediaTypes.ociLayer,
  MediaTypes.ociLayerGzip,
  MediaTypes.ociLayerZstd,
  MediaTypes.dockerLayer,
  MediaTypes.dockerLayerGzip,
  MediaTypes.dockerForeignLayerGzip,
  "application/vnd.oci.image.layer.nondistributable.v1.tar",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
  "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd",
];
