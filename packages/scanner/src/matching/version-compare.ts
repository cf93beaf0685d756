/** Orders two versions of one OSV ecosystem: negative, 0 or positive. Must not throw. */
export type CompareVersions = (ecosystem: string, a: string, b: string) => number;
