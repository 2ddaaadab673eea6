// Profile files are YAML, bundled as data at build time (see esbuild.mjs and vitest.config.mts).
declare module '*.profile.yaml' {
  const value: unknown;
  export default value;
}
