// The extension-test entry point (the `extensionTestsPath` contract of @vscode/test-electron):
// VS Code's extension host loads this file and awaits run(). Results go to the JSON file named
// by RATSFEDER_VSCODE_RESULTS, which the runner outside VS Code reads.
const fs = require('node:fs');
const path = require('node:path');
const Mocha = require('mocha');

exports.run = async function run() {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false });
  mocha.addFile(path.join(__dirname, 'extension.test.js'));
  const results = [];
  await new Promise((resolve) => {
    const runner = mocha.run(() => resolve());
    runner.on('pass', (test) => results.push({ title: test.fullTitle(), state: 'passed', ms: test.duration }));
    runner.on('fail', (test, error) => results.push({ title: test.fullTitle(), state: 'failed', error: String(error && (error.stack || error.message)) }));
  });
  const file = process.env.RATSFEDER_VSCODE_RESULTS;
  if (file) fs.writeFileSync(file, JSON.stringify(results, null, 2));
  if (results.some((result) => result.state === 'failed')) throw new Error(`${results.filter((r) => r.state === 'failed').length} extension tests failed`);
};
