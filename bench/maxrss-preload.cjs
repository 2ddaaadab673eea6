// Preloaded into measured Node processes via NODE_OPTIONS=--require=…: appends the process's
// peak resident set size (KiB, from getrusage) to $BENCH_RSS_FILE when it exits.
'use strict';
const { appendFileSync } = require('node:fs');

const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      const argv = process.argv.slice(1).join(' ').replace(/\s+/g, ' ');
      appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS} ${argv}\n`);
    } catch {
      // Never change the measured program's behaviour; a missing record fails the benchmark instead.
    }
  });
}
