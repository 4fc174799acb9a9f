// Clusters on the map of China (js/china-map.js) and as a graph: every Taobao village a node,
// coloured by its cluster, redrawn when a cluster forms, grows, merges, splits or dissolves (the
// clusters topic).
"use strict";

(async () => {
  const $ = id => document.getElementById(id);
  const chart = echarts.init($("graph"), "dark");
  window.addEventListener("resize", () => chart.resize());
  let provinceNames = new Map();

  async function redraw() {
    const [clusters, villages] = await Promise.all([
      Live.api("/api/clusters"),
      Live.api("/api/regions?level=village&status=taobao-village&limit=1000"),
    ]);
    const clusterOf = new Map();
    clusters.forEach((c, i) => c.members.forEach(m => clusterOf.set(m.id, i)));
    const categories = clusters.map(c => ({ name: c.name ?? c.id, itemStyle: { color: ChinaMap.clusterColour(c.id) } })).concat([{ name: "no cluster", itemStyle: { color: "#56657f" } }]);
    const nodes = villages.map(v => ({
      id: v.id, name: v.name, value: v.annualTurnover,
      category: clusterOf.has(v.id) ? clusterOf.get(v.id) : clusters.length,
      symbolSize: 6 + Math.min(18, Math.sqrt(v.annualTurnover / 1e6) * 3),
      tooltip: { formatter: `${Live.text(v.path)}<br>${Live.yuan(v.annualTurnover)}` },
    }));
    const known = new Set(nodes.map(n => n.id));
    const links = [];
    for (const c of clusters) {
      const members = c.members.map(m => m.id).filter(id => known.has(id));
      for (let i = 1; i < members.length; i++) links.push({ source: members[i - 1], target: members[i] });
    }
    chart.setOption({
      backgroundColor: "transparent",
      tooltip: {},
      legend: { type: "scroll", bottom: 0, data: categories.map(c => c.name) },
      series: [{ type: "graph", layout: "force", roam: true, draggable: true, categories, nodes, links,
                 force: { repulsion: 40, edgeLength: 12, gravity: 0.08 }, lineStyle: { opacity: 0.5 } }],
    }, { replaceMerge: ["series"] });
    $("clusters").querySelector("tbody").innerHTML = clusters.map(c => `<tr><td title="${Live.text(c.id)}">${Live.text(c.name ?? c.id)}</td>
      <td>${Live.statusHtml(c.status)}</td><td class="num">${Live.int(c.size)}</td>
      <td class="num">${Live.wan(c.annualTurnover)}</td><td>${Live.regionLink(c.provinceId, provinceNames.get(c.provinceId) ?? c.provinceId)}</td></tr>`).join("");
    $("clusters-panel").hidden = clusters.length === 0;
    $("graph-empty").hidden = villages.length > 0;
    $("summary").textContent = `${Live.int(villages.length)} Taobao villages · ${Live.int(clusters.length)} clusters`;
  }

  let pending = null;
  function scheduleRedraw() {
    // Cluster events come in bursts (a merge touches many villages): redraw at most once a second.
    pending ??= setTimeout(() => { pending = null; redraw(); }, 1000);
  }

  Live.onStatusChanged((topic, change) => {
    if (topic !== "clusters") return;
    const li = document.createElement("li");
    li.className = change.to === "none" ? "down" : "up";
    li.innerHTML = `<span class="time">${Live.time(change.eventTime)}</span><span class="change">${Live.text(Live.kind(change.kind))}</span>
      <span class="subject" title="${Live.text(change.subjectId)}">${Live.text(change.name)}</span> <div class="muted">${Live.text(change.cause)}</div>`;
    $("feed").prepend(li);
    $("events-panel").hidden = false;
    scheduleRedraw();
  });

  const mapTitle = $("map-title").textContent;
  // ?map=44 opens the map on a province (a province's own wall screen).
  ChinaMap.create($("map"), {
    view: new URLSearchParams(location.search).get("map") ?? "china",
    onView: province => {
      $("map-title").textContent = province ? `淘宝村地图 Taobao villages on the map, coloured by cluster · ${province.name}` : mapTitle;
      $("map-back").hidden = !province;
    },
  }).then(map => {
    window.chinaMap = map;
    $("map-back").addEventListener("click", () => map.showView("china"));
  }).catch(error => {
    $("map").insertAdjacentHTML("beforeend", `<p class="error">地图不可用 map unavailable: ${Live.text(error.message)}</p>`);
  });

  const provinces = await Live.api("/api/regions/children?of=country-cn");
  provinceNames = new Map(provinces.map(p => [p.id, p.name]));
  await redraw();
  await Live.subscribe("clusters");
  await Live.start();
})().catch(error => {
  document.querySelector("main").insertAdjacentHTML("afterbegin", `<p class="error">${String(error.message)}</p>`);
});
