// Builds the real-council fixtures of test/councils.test.ts from the real OParl responses in
// shared/data/oparl-real (unpack its tarball first):
//
//   mkdir -p /tmp/oparl-real && tar -I zstd -xf ../shared/data/oparl-real/real-oparl.tar.zst -C /tmp/oparl-real
//   node test/councils/build.mjs /tmp/oparl-real/src
//
// One file per council, `test/councils/<id>.json.br` (brotli-compressed JSON):
// `{ id, origin, system, bodies, lists: { "<list URL>": [objects] } }`, every object as the
// council's server sent it, with only what the register does not read left out (agenda items,
// locations, memberships, persons; of files their name, access URL, id and type). Values keep
// their types and oddities: "N/A" and "", `auxiliaryFile` as an object, `[null]`. Karlsruhe's
// archive holds objects, not list pages: its System and Body are made here in SessionNet's shape.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const src = process.argv[2];
if (!src) {
  process.stderr.write('usage: node test/councils/build.mjs <unpacked oparl-real/src>\n');
  process.exit(2);
}
const out = path.dirname(new URL(import.meta.url).pathname);
const read = (file) => JSON.parse(readFileSync(path.join(src, file), 'utf8'));

const FILE_KEYS = ['id', 'type', 'name', 'accessUrl'];
const PAPER_KEYS = ['id', 'type', 'body', 'name', 'reference', 'paperType', 'date', 'web', 'mainFile', 'auxiliaryFile', 'consultation', 'underDirectionOf', 'relatedPaper', 'superordinatedPaper', 'subordinatedPaper', 'originatorPerson', 'originatorOrganization', 'created', 'modified', 'deleted'];
const CONSULTATION_KEYS = ['id', 'type', 'paper', 'organization', 'meeting', 'role', 'authoritative', 'deleted'];
const MEETING_KEYS = ['id', 'type', 'name', 'start', 'end', 'cancelled', 'organization', 'web', 'created', 'modified', 'deleted'];
const ORGANIZATION_KEYS = ['id', 'type', 'body', 'name', 'shortName', 'organizationType', 'classification', 'web', 'created', 'modified', 'deleted'];

function pick(object, keys) {
  if (object === null || typeof object !== 'object' || Array.isArray(object)) return object;
  const result = {};
  for (const key of keys) if (key in object) result[key] = object[key];
  return result;
}

function file(value) {
  if (Array.isArray(value)) return value.map((item) => pick(item, FILE_KEYS));
  return pick(value, FILE_KEYS);
}

function paper(object) {
  const result = pick(object, PAPER_KEYS);
  if ('mainFile' in result) result.mainFile = file(result.mainFile);
  if ('auxiliaryFile' in result) result.auxiliaryFile = file(result.auxiliaryFile);
  if (Array.isArray(result.consultation)) result.consultation = result.consultation.map((c) => (typeof c === 'string' ? c : pick(c, CONSULTATION_KEYS)));
  return result;
}

/** The `data` of every page of a crawled list (`name.json`, `name?page=2.json`, …), in page order. */
function pages(dir, name) {
  const files = readdirSync(path.join(src, dir)).filter((f) => f === `${name}.json` || f.startsWith(`${name}?page=`));
  const number = (f) => Number(/page=(\d+)/.exec(f)?.[1] ?? 1);
  return files.sort((a, b) => number(a) - number(b)).flatMap((f) => read(path.join(dir, f)).data);
}

function write(id, fixture) {
  const json = JSON.stringify(fixture);
  const bytes = brotliCompressSync(json, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: json.length } });
  writeFileSync(path.join(out, `${id}.json.br`), bytes);
  const counts = Object.entries(fixture.lists).map(([list, items]) => `${list.split('/').pop()}: ${items.length}`);
  process.stdout.write(`${id}: ${(json.length / 1024 / 1024).toFixed(1)} MiB JSON, ${(bytes.length / 1024).toFixed(0)} KiB brotli; ${counts.join(', ')}\n`);
}

// Karlsruhe (SessionNet, OParl 1.1): objects as archived, one file each.
{
  const origin = 'https://web1.karlsruhe.de/oparl';
  const body = `${origin}/bodies/0001`;
  const dir = 'karlsruhe/docs';
  const papers = readdirSync(path.join(src, dir, 'papers'))
    .map((f) => read(path.join(dir, 'papers', f)))
    .sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1))
    .map(paper);
  const meetings = readdirSync(path.join(src, dir, 'meetings'))
    .map((f) => pick(read(path.join(dir, 'meetings', f)), MEETING_KEYS))
    .sort((a, b) => (a.start < b.start ? -1 : 1));
  const organizations = read(path.join(dir, 'organizations.json')).map((o) => pick(o, ORGANIZATION_KEYS));
  write('karlsruhe', {
    id: 'karlsruhe',
    origin,
    vendor: 'sessionnet',
    system: { id: `${origin}/system`, type: 'https://schema.oparl.org/1.1/System', oparlVersion: 'https://schema.oparl.org/1.1/', name: 'Stadt Karlsruhe (SessionNet)', body: `${origin}/bodies`, vendor: 'https://www.somacos.de' },
    bodies: [{ id: body, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Karlsruhe', paper: `${body}/papers`, meeting: `${body}/meetings`, organization: `${body}/organizations` }],
    lists: { [`${body}/papers`]: papers, [`${body}/meetings`]: meetings, [`${body}/organizations`]: organizations },
  });
}

// Hürtgenwald (SD.NET RIM 5.0.4, OParl 1.0): a complete crawl of list pages.
{
  const system = read('huertgenwald/system.json');
  const origin = system.id.replace(/\/system$/, '');
  const bodies = read('huertgenwald/body.json').data;
  const body = bodies[0];
  write('huertgenwald', {
    id: 'huertgenwald',
    origin,
    vendor: 'sdnet',
    system,
    bodies: bodies.map((b) => pick(b, ['id', 'type', 'system', 'name', 'paper', 'meeting', 'organization'])),
    lists: {
      [body.paper]: pages('huertgenwald/body/1', 'paper').map(paper),
      [body.meeting]: pages('huertgenwald/body/1', 'meeting').map((m) => pick(m, MEETING_KEYS)),
      [body.organization]: pages('huertgenwald/body/1', 'organization').map((o) => pick(o, ORGANIZATION_KEYS)),
    },
  });
}

// Leipzig (ALLRIS 4, OParl 1.1): the 308 papers of May 2023 come in an importer's shape; here
// they are Paper objects as ALLRIS 4 sends them (its newer host stamps every paper 2000-01-01).
{
  const origin = 'https://ratsinformation.leipzig.de/allris_leipzig_public/oparl';
  const body = `${origin}/bodies?id=2387`;
  const stamp = '2000-01-01T00:00:00+01:00';
  const papers = read('leipzig-srm/input.json').map((item) => {
    const volfdnr = /VOLFDNR=(\d+)/.exec(item.url)?.[1];
    return {
      id: `${origin}/papers?id=${volfdnr}`,
      type: 'https://schema.oparl.org/1.1/Paper',
      body,
      name: item.name,
      reference: item.reference,
      ...(item.paper_type ? { paperType: item.paper_type } : {}),
      date: item.published_at,
      web: item.url,
      created: stamp,
      modified: stamp,
      deleted: false,
    };
  });
  write('leipzig', {
    id: 'leipzig',
    origin,
    vendor: 'allris',
    system: { id: `${origin}/system`, type: 'https://schema.oparl.org/1.1/System', oparlVersion: 'https://schema.oparl.org/1.1/', name: 'ALLRIS OParl der Stadt Leipzig', body: `${origin}/bodies`, vendor: 'https://www.cc-egov.de', product: 'https://cc-egov.de/de-de/produkte/allris' },
    bodies: [{ id: body, type: 'https://schema.oparl.org/1.1/Body', name: 'Stadt Leipzig', shortName: 'Leipzig', paper: `${origin}/papers?body=2387`, meeting: `${origin}/meetings?body=2387`, organization: `${origin}/organizations?body=2387` }],
    lists: { [`${origin}/papers?body=2387`]: papers, [`${origin}/meetings?body=2387`]: [], [`${origin}/organizations?body=2387`]: [] },
  });
}

// Leipzig's old interface (ALLRIS 1.0, 2014–2020): its one paper page as quoted in an
// importer's tests (`DS-00029/14`, `"web": "N/Avo020.asp?…"`); System and Body made here.
{
  const origin = 'https://ratsinfo.leipzig.de/bi/oparl/1.0';
  const page = read('mst-literals/utils.json').find((entry) => Array.isArray(entry?.data));
  const body = `${origin}/bodies.asp?id=2387`;
  write('leipzig-1.0', {
    id: 'leipzig-1.0',
    origin,
    vendor: 'allris',
    system: { id: `${origin}/system.asp`, type: 'https://schema.oparl.org/1.0/System', oparlVersion: 'https://schema.oparl.org/1.0/', body: `${origin}/bodies.asp` },
    bodies: [{ id: body, type: 'https://schema.oparl.org/1.0/Body', name: 'Stadt Leipzig', paper: `${origin}/papers.asp?body=2387` }],
    lists: { [`${origin}/papers.asp?body=2387`]: page.data.map(paper) },
  });
}

// Augsburg (ALLRIS 4, OParl 1.1): one object of each kind, from the published API guide.
{
  const system = read('augsburg/system.json');
  const body = read('augsburg/body.json');
  const origin = system.id.replace(/\/system$/, '');
  write('augsburg', {
    id: 'augsburg',
    origin,
    vendor: 'allris',
    system,
    bodies: [pick(body, ['id', 'type', 'system', 'name', 'shortName', 'paper', 'meeting', 'organization'])],
    lists: {
      [body.paper]: [paper(read('augsburg/paper.json'))],
      [body.meeting]: [pick(read('augsburg/meeting.json'), MEETING_KEYS)],
      [body.organization]: [pick(read('augsburg/organization.json'), ORGANIZATION_KEYS)],
    },
  });
}

// The quirks production clients work around, as real servers sent them: Krefeld's body list
// that is one Body object, deleted objects without `type`, a Bonn meeting whose auxiliaryFile
// is an object, and Braunschweig's paper with raw control characters (invalid JSON on purpose,
// kept as text).
{
  const sternberg = read('mst-literals/test_sternberg.json');
  const bonn = read('mst-literals/test_cc_egov.json')[0];
  const braunschweig = readFileSync(path.join(src, 'mst-literals/braunschweig-paper-broken.json.txt'), 'utf8');
  const fixture = { id: 'quirks', krefeldBody: sternberg[1], deletedWithoutType: sternberg[0], bonnMeeting: pick(bonn, [...MEETING_KEYS, 'auxiliaryFile', 'invitation']), braunschweigPaper: braunschweig, lists: {} };
  write('quirks', fixture);
}
