/** esbuild options of the extension bundle (see build.mjs). */
export declare const extensionBuild: Record<string, unknown>;
