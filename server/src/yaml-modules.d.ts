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

// PDF.js's worker code, run in the same thread in Node (server/src/node/pdf-extract.ts).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
