#!/usr/bin/env node
'use strict';
const path = require('node:path');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
try {
  require.resolve(bundle);
} catch {
  process.stderr.write('ratsfeder: nicht gebaut – bitte zuerst "npm run build" im Projektordner ausführen.\n');
  process.exit(2);
}
require(bundle);
