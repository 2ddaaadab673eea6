// Profile files are YAML, bundled as data at build time (see esbuild.mjs and vitest.config.mts).
declare module '*.profile.yaml' {
  const value: unknown;
  export default value;
}

// The thesaurus every profile starts from (server/profiles/synonyme.yaml).
declare module '*/synonyme.yaml' {
  const value: { synonyme: string[][] };
  export default value;
}
