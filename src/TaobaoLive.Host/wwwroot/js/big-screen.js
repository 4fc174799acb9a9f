// The Double-11 big screen: country numbers, provinces and leaderboards pushed over SignalR
// (country, region:<province> and leaderboard:<board>:<by> topics), every status change in the feed;
// the order rate is derived from /api/platform once a second.
"use strict";

(async () => {
  const $ = id => document.getElementById(id);
  const minuteChart = echarts.init($("minute-chart"), "dark", { renderer: "canvas" });
  const provinceChart = echarts.init($("province-chart"), "dark", { renderer: "canvas" });
  window.addEventListener("resize", () => { minuteChart.resize(); provinceChart.resize(); });

  const minuteLabels = Array.from({ length: 1440 }, (_, m) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`);
  const provinces = new Map();
  const changesToday = { village: 0, town: 0, cluster: 0 };

  function showCountry(country) {
    $("today-turnover").textContent = Live.yuan(country.todayTurnover);
    $("annual-turnover").textContent = `annual ${Live.yuan(country.annualTurnover)} · ${Live.int(country.activeShops)} active shops`;
    $("villages").textContent = Live.int(country.taobaoVillages);
    $("towns").textContent = Live.int(country.taobaoTowns);
    $("clusters").textContent = Live.int(country.clusters);
  }

  // Turnover per minute of today (up to now) against the whole day before, from the country grain.
  async function refreshTimeline() {
    const timeline = await Live.api("/api/timeline");
    minuteChart.setOption({
      backgroundColor: "transparent",
      grid: { left: 70, right: 20, top: 30, bottom: 30 },
      legend: { data: ["today 今日", "day before 昨日"], top: 0 },
      xAxis: { type: "category", data: minuteLabels, axisLabel: { interval: 119 } },
      yAxis: { type: "value", axisLabel: { formatter: v => Live.wan(v) } },
      tooltip: { trigger: "axis", valueFormatter: v => Live.yuan(v) },
      series: [
        { type: "line", name: "day before 昨日", showSymbol: false, lineStyle: { opacity: 0.5 }, data: timeline.yesterday },
        { type: "line", name: "today 今日", showSymbol: false, areaStyle: { opacity: 0.25 }, data: timeline.today },
      ],
    });
  }

  function showProvinces() {
    const rows = [...provinces.values()].sort((a, b) => b.taobaoVillages - a.taobaoVillages || b.annualTurnover - a.annualTurnover);
    provinceChart.setOption({
      backgroundColor: "transparent",
      grid: { left: 80, right: 20, top: 10, bottom: 30 },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: { type: "category", inverse: true, data: rows.map(r => r.name) },
      tooltip: { trigger: "axis" },
      series: [{ type: "bar", name: "Taobao villages", data: rows.map(r => r.taobaoVillages), itemStyle: { color: "#ff7a18" } }],
    });
    $("province-table").querySelector("tbody").innerHTML = rows.map(r => `<tr>
      <td>${Live.regionLink(r.id, r.name)}</td><td class="num">${Live.int(r.taobaoVillages)}</td><td class="num">${Live.int(r.taobaoTowns)}</td>
      <td class="num">${Live.int(r.clusters)}</td><td class="num">${Live.wan(r.todayTurnover)}</td><td class="num">${Live.wan(r.annualTurnover)}</td></tr>`).join("");
  }

  function addToFeed(change) {
    const feed = $("feed");
    const up = change.to !== "none" && change.kind !== "cluster-dissolved";
    const li = document.createElement("li");
    li.className = up ? "up" : "down";
    li.innerHTML = `<span class="time">${Live.time(change.eventTime)}</span>
      <span class="change">${Live.text(change.from)} → ${Live.text(change.to)}</span>
      ${change.subject === "cluster" ? `<a href="/clusters.html">${Live.text(change.path)} ${Live.text(change.subjectId)}</a>` : Live.regionLink(change.subjectId, change.path)}
      <span class="muted">${Live.text(change.kind)}</span>`;
    feed.prepend(li);
    while (feed.children.length > 200) feed.lastChild.remove();
  }

  function countToday(change) {
    const delta = change.kind === "qualified" ? 1 : change.kind === "lapsed" ? -1 : 0;
    if (change.level === "village") changesToday.village += delta;
    if (change.level === "town") changesToday.town += delta;
    if (change.kind === "cluster-formed") changesToday.cluster += 1;
    if (change.kind === "cluster-dissolved") changesToday.cluster -= 1;
    const sign = v => (v >= 0 ? "+" : "") + v;
    $("villages-today").textContent = `${sign(changesToday.village)} today`;
    $("towns-today").textContent = `${sign(changesToday.town)} today`;
    $("clusters-today").textContent = `${sign(changesToday.cluster)} today`;
  }

  function showBoard(table, entries) {
    const board = table.dataset.board, by = table.dataset.by ?? "today";
    table.querySelector("tbody").innerHTML = entries.map(e => `<tr><td class="num">${e.rank}</td>
      <td>${board === "clusters" ? Live.text(e.name) : Live.regionLink(e.id, e.name)}</td>
      <td class="num">${Live.wan(by === "today" ? e.todayTurnover : e.annualTurnover)}</td>
      <td class="muted">${Live.text(e.path)}</td></tr>`).join("");
  }

  // Leaderboards are pushed (leaderboard:<board>:<by> topics) whenever their top 10 changes.
  const boards = new Map([...document.querySelectorAll("table[data-board]")]
    .map(table => [`leaderboard:${table.dataset.board}:${table.dataset.by ?? "today"}`, table]));

  let lastOrders = null, lastOrdersAt = null;
  async function refreshRate() {
    const platform = await Live.api("/api/platform");
    const now = performance.now();
    if (lastOrders !== null && platform.acceptedOrders >= lastOrders) {
      $("orders-per-second").textContent = Live.int(Math.round((platform.acceptedOrders - lastOrders) / ((now - lastOrdersAt) / 1000)));
    }
    $("orders-total").textContent = `${Live.int(platform.acceptedOrders)} applied since start`;
    lastOrders = platform.acceptedOrders;
    lastOrdersAt = now;
  }

  Live.onLeaderboardUpdated((topic, entries) => { if (boards.has(topic)) showBoard(boards.get(topic), entries); });
  Live.onRegionUpdated((topic, region) => {
    if (topic === "country") showCountry(region);
    else if (region.level === "province") { provinces.set(region.id, region); showProvinces(); }
  });
  Live.onStatusChanged((topic, change) => {
    if (topic !== "status") return; // the same change also arrives on region topics
    addToFeed(change);
    countToday(change);
  });

  setInterval(() => { $("clock").textContent = new Date().toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false }); }, 1000);

  // First paint from the API, then live.
  const [country, children, events] = await Promise.all([
    Live.api("/api/regions/country-cn"),
    Live.api("/api/regions/children?of=country-cn"),
    Live.api(`/api/events?since=${encodeURIComponent(startOfBusinessDay())}&limit=1000`),
  ]);
  showCountry(country);
  children.forEach(p => provinces.set(p.id, p));
  showProvinces();
  events.forEach(e => { addToFeed(e); countToday(e); });

  await Live.subscribe("country");
  await Live.subscribe("status");
  for (const province of children) await Live.subscribe(`region:${province.id}`);
  for (const topic of boards.keys()) await Live.subscribe(topic);
  await Live.start();
  refreshRate();
  setInterval(refreshRate, 1000);
  refreshTimeline();
  setInterval(refreshTimeline, 5000);

  function startOfBusinessDay() {
    // Business days are China Standard Time (UTC+8) days.
    const cst = new Date(Date.now() + 8 * 3600 * 1000);
    cst.setUTCHours(0, 0, 0, 0);
    return new Date(cst.getTime() - 8 * 3600 * 1000).toISOString();
  }
})().catch(error => {
  document.querySelector("main").insertAdjacentHTML("afterbegin", `<p class="error">${String(error.message)}</p>`);
});
