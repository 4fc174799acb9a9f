// The Double-11 big screen: country numbers, provinces and leaderboards pushed over SignalR
// (country, region:<province> and leaderboard:<board>:<by> topics), every status change in the feed;
// the order rate and business time from /api/pulse once a second, the minute chart and the
// day's starting counts from /api/timeline every five seconds.
"use strict";

(async () => {
  const $ = id => document.getElementById(id);
  // Nothing received for this long (pushes or API answers; /api/pulse answers every second
  // while the host is up) and the numbers are shown as stale.
  const staleAfterMs = 4000;

  const minuteChart = echarts.init($("minute-chart"), "dark", { renderer: "canvas" });
  window.addEventListener("resize", () => minuteChart.resize());
  new ResizeObserver(() => minuteChart.resize()).observe($("minute-chart"));

  const minuteLabel = m => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
  const provinces = new Map();
  let country = null;
  let dayStart = null;
  let feedCount = 0;

  function showCountry(c) {
    country = c;
    const turnover = $("today-turnover");
    turnover.textContent = Live.headline(c.todayTurnover);
    turnover.dataset.yuan = String(c.todayTurnover);
    turnover.title = Live.yuan(c.todayTurnover);
    $("annual-turnover").textContent = `年 annual ${Live.wan(c.annualTurnover)} · 活跃网店 active shops ${Live.count(c.activeShops)}`;
    $("villages").textContent = Live.count(c.taobaoVillages);
    $("towns").textContent = Live.count(c.taobaoTowns);
    $("clusters").textContent = Live.count(c.clusters);
    showToday();
    showWarmup();
  }

  // "+N today": the country's count now minus the same count as the business day began (both
  // from the country grain), so the two numbers always agree.
  function showToday() {
    if (!country || !dayStart) return;
    const sign = v => (v >= 0 ? "+" : "−") + Live.count(Math.abs(v));
    $("villages-today").textContent = `${sign(country.taobaoVillages - dayStart.taobaoVillages)} 今日 today`;
    $("towns-today").textContent = `${sign(country.taobaoTowns - dayStart.taobaoTowns)} 今日 today`;
    $("clusters-today").textContent = `${sign(country.clusters - dayStart.clusters)} 今日 today`;
  }

  // Before the first Taobao village the feed's place explains what the screen is waiting for.
  function showWarmup() {
    const warming = country !== null && country.taobaoVillages === 0 && feedCount === 0;
    $("warmup").hidden = !warming;
    $("feed-panel").hidden = warming || feedCount === 0;
  }

  async function refreshWarmup() {
    if ($("warmup").hidden) return;
    const [top] = await Live.api("/api/leaderboards/villages?by=annual&limit=1");
    if (!top || top.annualTurnover <= 0) {
      $("warmup-rule").textContent = "A village becomes a Taobao village at RMB 10,000,000 annual turnover with 100 active shops (or 10% of households).";
      $("warmup-closest").textContent = "No village has turnover yet. 尚无成交。";
      return;
    }
    const t = await Live.api(`/api/regions/${encodeURIComponent(top.id)}/thresholds`);
    $("warmup-rule").textContent = `${t.ruleSet}: ${Live.yuan(t.turnover.required)} annual turnover and ${Live.int(t.activeShops.required)} active shops.`;
    const share = c => Math.min(100, c.required ? 100 * c.actual / c.required : 100).toFixed(0);
    $("warmup-closest").innerHTML = `最接近 Closest: ${Live.regionLink(top.id, top.name, top.path)} — ${share(t.turnover)}% of turnover, ${share(t.activeShops)}% of shops`;
  }

  // Turnover per minute over the elapsed part of the day that is known: from the earliest minute
  // with data (today or the day before; at least the last 30 minutes) to now. The day before is
  // drawn only where the country grain has figures for it.
  async function refreshTimeline() {
    const timeline = await Live.api("/api/timeline");
    dayStart = timeline.dayStart;
    showToday();
    const now = timeline.minute;
    const known = [timeline.todayFrom, timeline.yesterdayFrom].filter(m => m != null);
    const hasToday = timeline.todayFrom != null && timeline.today.some(v => v !== 0);
    const hasYesterday = timeline.yesterdayFrom != null && timeline.yesterday.some(v => v !== 0);
    $("minute-empty").hidden = hasToday || hasYesterday;
    $("minute-chart").hidden = !(hasToday || hasYesterday);
    if (!hasToday && !hasYesterday) return;
    const from = Math.max(0, Math.min(now - 30, ...known));
    const minutes = Array.from({ length: now - from + 1 }, (_, i) => from + i);
    const series = [{
      type: "bar", name: "今日 today", barCategoryGap: "15%", itemStyle: { color: "#ff7a18" },
      data: minutes.map(m => timeline.todayFrom != null && m >= timeline.todayFrom ? timeline.today[m] ?? null : null),
    }];
    if (hasYesterday) {
      series.unshift({
        type: "line", name: "昨日 day before", showSymbol: false, connectNulls: false, lineStyle: { opacity: 0.8 }, itemStyle: { color: "#7fb3ff" },
        data: minutes.map(m => m >= timeline.yesterdayFrom ? timeline.yesterday[m] ?? null : null),
      });
    }
    minuteChart.setOption({
      backgroundColor: "transparent",
      textStyle: { fontSize: emPx(0.8) },
      grid: { left: emPx(3.6), right: emPx(0.8), top: emPx(1.8), bottom: emPx(1.6) },
      legend: { top: 0, itemWidth: emPx(1.6), itemHeight: emPx(0.8), textStyle: { fontSize: emPx(0.8) } },
      xAxis: { type: "category", data: minutes.map(minuteLabel), axisLabel: { fontSize: emPx(0.75) } },
      yAxis: { type: "value", axisLabel: { formatter: axisYuan, fontSize: emPx(0.75) } },
      tooltip: { trigger: "axis", valueFormatter: v => v == null ? "—" : Live.yuan(v) },
      series,
    }, { replaceMerge: ["series"] });
  }

  // Axis labels without the fixed digits' trailing zeros (3.000亿 → 3亿, 2.500亿 → 2.5亿).
  function axisYuan(v) {
    return Live.wan(v).replace(/\.(\d*?)0+([万亿]?)$/, (_, digits, unit) => (digits ? "." + digits : "") + unit);
  }

  // Font sizes for the chart follow the page's root size (the wall scales with the viewport).
  function emPx(em) {
    return em * parseFloat(getComputedStyle(document.body).fontSize);
  }

  function showProvinces() {
    const rows = [...provinces.values()]
      .filter(r => r.taobaoVillages > 0 || r.todayTurnover !== 0 || r.annualTurnover !== 0)
      .sort((a, b) => b.taobaoVillages - a.taobaoVillages || b.todayTurnover - a.todayTurnover || b.annualTurnover - a.annualTurnover);
    $("province-panel").hidden = rows.length === 0;
    const most = Math.max(1, ...rows.map(r => r.taobaoVillages));
    $("province-table").querySelector("tbody").innerHTML = rows.map(r => `<tr>
      <td>${Live.regionLink(r.id, r.name, `${r.path}: 年 annual ${Live.wan(r.annualTurnover)}`)}</td>
      <td class="num share"><span style="width:${(55 * r.taobaoVillages / most).toFixed(1)}%"></span>${Live.count(r.taobaoVillages)}</td>
      <td class="num">${Live.count(r.taobaoTowns)}</td><td class="num">${Live.count(r.clusters)}</td>
      <td class="num">${Live.wan(r.todayTurnover)}</td></tr>`).join("");
  }

  function addToFeed(change) {
    const feed = $("feed");
    const up = change.to !== "none" && change.kind !== "cluster-dissolved";
    const li = document.createElement("li");
    li.className = up ? "up" : "down";
    const subject = change.subject === "cluster"
      ? `<a href="/clusters.html" title="${Live.text(change.path)} ${Live.text(change.subjectId)}">${Live.text(change.name || change.path)}</a>`
      : Live.regionLink(change.subjectId, change.name || change.path, change.path);
    li.title = `${change.path}: ${change.from} → ${change.to} (${change.kind}) ${change.cause ?? ""}`;
    li.innerHTML = `<span class="time">${Live.time(change.eventTime)}</span>
      <span class="change">${Live.text(Live.kind(change.kind))}</span> ${subject}
      <span class="muted">${Live.text(Live.status(change.to))}</span>`;
    feed.prepend(li);
    while (feed.children.length > 100) feed.lastChild.remove();
    feedCount++;
    showWarmup();
  }

  function showBoard(table, entries) {
    const board = table.dataset.board, by = table.dataset.by ?? "today";
    const shown = entries.filter(e => (by === "today" ? e.todayTurnover : e.annualTurnover) !== 0 || board === "clusters");
    table.closest(".panel").hidden = shown.length === 0;
    table.querySelector("tbody").innerHTML = shown.map(e => {
      const parent = e.path && e.path.includes("/") ? e.path.split("/").slice(0, -1).join(" ") : "";
      const label = board === "clusters"
        ? `<span title="${Live.text(e.path)} ${Live.text(e.id)}">${Live.text(e.name)}</span>`
        : Live.regionLink(e.id, e.name, e.path);
      return `<tr><td class="num">${e.rank}</td>
        <td>${label}<span class="path">${Live.text(parent)}</span></td>
        <td class="num">${Live.wan(by === "today" ? e.todayTurnover : e.annualTurnover)}</td></tr>`;
    }).join("");
    table.querySelectorAll("td:nth-child(2)").forEach(td => { td.title = td.querySelector("[title]")?.title ?? td.textContent; });
  }

  // Leaderboards are pushed (leaderboard:<board>:<by> topics) whenever their top 10 changes.
  const boards = new Map([...document.querySelectorAll("table[data-board]")]
    .map(table => [`leaderboard:${table.dataset.board}:${table.dataset.by ?? "today"}`, table]));

  // The order rate from the silo's applied-orders counter; "—" whenever the screen is stale, never
  // the last value.
  let lastOrders = null, lastOrdersAt = null, rate = null;
  async function refreshRate() {
    let platform;
    try {
      platform = await Live.api("/api/pulse");
    } catch {
      lastOrders = null;
      rate = null;
      showFreshness();
      return;
    }
    const now = performance.now();
    rate = lastOrders !== null && platform.acceptedOrders >= lastOrders
      ? Math.round((platform.acceptedOrders - lastOrders) / ((now - lastOrdersAt) / 1000))
      : null;
    $("orders-total").textContent = `${Live.count(platform.acceptedOrders)} applied since start 启动以来`;
    $("clock").textContent = new Date(platform.now).toLocaleString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
    lastOrders = platform.acceptedOrders;
    lastOrdersAt = now;
    showFreshness();
  }

  function showFreshness() {
    const last = Live.lastUpdate();
    const stale = Live.state() !== "connected" || last === null || Date.now() - last > staleAfterMs;
    document.body.classList.toggle("stale", stale);
    const freshness = $("freshness");
    freshness.classList.toggle("stale", stale);
    if (stale) {
      const seconds = last === null ? null : Math.round((Date.now() - last) / 1000);
      freshness.textContent = seconds === null ? "no data yet 尚无数据" : `last update ${seconds} s ago · 最后更新 ${seconds} 秒前`;
    } else {
      freshness.textContent = "";
    }
    $("orders-per-second").textContent = stale || rate === null ? "—" : Live.count(rate);
  }

  Live.onState(showFreshness);
  Live.onLeaderboardUpdated((topic, entries) => { if (boards.has(topic)) showBoard(boards.get(topic), entries); });
  Live.onRegionUpdated((topic, region) => {
    if (topic === "country") showCountry(region);
    else if (region.level === "province") { provinces.set(region.id, region); showProvinces(); }
  });
  Live.onStatusChanged((topic, change) => {
    if (topic !== "status") return; // the same change also arrives on region topics
    addToFeed(change);
  });

  setInterval(showFreshness, 500);

  // First paint from the API, then live. Today's changes are those since the business day began
  // by the platform's clock (in a replay that is the replay's day, not the wall's).
  const platform = await Live.api("/api/pulse");
  const [first, children, events] = await Promise.all([
    Live.api("/api/regions/country-cn"),
    Live.api("/api/regions/children?of=country-cn"),
    Live.api(`/api/events?since=${encodeURIComponent(startOfBusinessDay(Date.parse(platform.now)))}&limit=100`),
    refreshTimeline(),
  ]);
  showCountry(first);
  children.forEach(p => provinces.set(p.id, p));
  showProvinces();
  events.forEach(addToFeed);
  showWarmup();
  for (const table of boards.values()) {
    showBoard(table, await Live.api(`/api/leaderboards/${table.dataset.board}?by=${table.dataset.by ?? "today"}&limit=10`));
  }

  // The map loads its shapes and villages on its own: a screen without them still runs.
  const mapTitle = $("map-title").textContent;
  // ?map=44 opens the map on a province (a province's own wall screen).
  ChinaMap.create($("map"), {
    view: new URLSearchParams(location.search).get("map") ?? "china",
    onView: province => {
      $("map-title").textContent = province ? `淘宝村地图 Taobao villages on the map · ${province.name}` : mapTitle;
      $("map-back").hidden = !province;
    },
  }).then(map => {
    window.chinaMap = map;
    $("map-back").addEventListener("click", () => map.showView("china"));
  }).catch(error => {
    $("map").insertAdjacentHTML("beforeend", `<p class="error">地图不可用 map unavailable: ${Live.text(error.message)}</p>`);
  });

  // Polling first: a hub that is slow to answer the subscriptions (a host busy starting) must not
  // hold back the rate, the clock and the staleness display.
  refreshRate();
  setInterval(refreshRate, 1000);
  setInterval(() => refreshTimeline().catch(() => {}), 5000);
  refreshWarmup().catch(() => {});
  setInterval(() => refreshWarmup().catch(() => {}), 5000);
  await Live.subscribe("country");
  await Live.subscribe("status");
  for (const province of children) await Live.subscribe(`region:${province.id}`);
  for (const topic of boards.keys()) await Live.subscribe(topic);
  await Live.start();

  function startOfBusinessDay(now) {
    // Business days are China Standard Time (UTC+8) days.
    const cst = new Date(now + 8 * 3600 * 1000);
    cst.setUTCHours(0, 0, 0, 0);
    return new Date(cst.getTime() - 8 * 3600 * 1000).toISOString();
  }
})().catch(error => {
  document.querySelector("main").insertAdjacentHTML("afterbegin", `<p class="error">${String(error.message)}</p>`);
});
