// picomatch ships no types; this is the part Ratsfeder uses (`node/ignore.ts`).
declare module 'picomatch' {
  interface PicomatchOptions {
    readonly dot?: boolean;
    readonly nocase?: boolean;
  }
  function picomatch(patterns: string | readonly string[], options?: PicomatchOptions): (test: string) => boolean;
  export default picomatch;
}
