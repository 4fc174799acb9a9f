// Drill-down for any region (?id=<id or path>): its numbers live over region:<id>, its children,
// its status history (live), and for a village how far it is from each threshold.
"use strict";

(async () => {
  const $ = id => document.getElementById(id);
  const requested = new URLSearchParams(location.search).get("id") ?? "country-cn";
  let region = await Live.api(`/api/regions/${encodeURIComponent(requested)}`).catch(() => null)
    ?? (await Live.api(`/api/regions?path=${encodeURIComponent(requested)}`));
  const children = new Map();

  function kpi(label, value, title, delta) {
    return `<div class="kpi"><div class="label">${label}</div><div class="value" title="${Live.text(title ?? "")}">${value}</div>${delta ? `<div class="delta">${delta}</div>` : ""}</div>`;
  }

  function showRegion(r) {
    region = r;
    document.title = `TaobaoLive — ${r.name}`;
    $("title").textContent = `${r.name} · ${Live.level(r.level)}`;
    const cells = [];
    if (r.status != null) cells.push(kpi("Status 状态", Live.statusHtml(r.status), r.status));
    // Amounts in 亿/万 with a fixed number of digits, so no card cuts them; the exact amount on hover.
    cells.push(kpi("Annual turnover 年成交额", Live.headline(r.annualTurnover), Live.yuan(r.annualTurnover)));
    cells.push(kpi("Today 今日", Live.headline(r.todayTurnover), Live.yuan(r.todayTurnover)));
    cells.push(kpi("Active shops 活跃网店", Live.count(r.activeShops), null, `of ${Live.count(r.shops)} registered 共 ${Live.count(r.shops)} 家`));
    if (r.households != null) cells.push(kpi("Households 户数", Live.count(r.households)));
    if (r.level !== "village") {
      cells.push(kpi("Taobao villages 淘宝村", Live.count(r.taobaoVillages)));
      if (r.level !== "town") cells.push(kpi("Taobao towns 淘宝镇", Live.count(r.taobaoTowns)));
      cells.push(kpi("Clusters 集群", Live.count(r.clusters)));
    }
    $("numbers").innerHTML = cells.join("");
    if (r.level === "village") showThresholds();
  }

  function showBreadcrumbs() {
    const parts = region.path.split("/");
    $("breadcrumbs").innerHTML = parts.map((name, i) => {
      const path = parts.slice(0, i + 1).join("/");
      return i === parts.length - 1 ? Live.text(name) : `<a href="/region.html?id=${encodeURIComponent(path)}">${Live.text(name)}</a>`;
    }).join(" / ");
  }

  async function showThresholds() {
    const t = await Live.api(`/api/regions/${encodeURIComponent(region.id)}/thresholds`);
    $("thresholds-panel").hidden = false;
    const row = (label, c, format) => c == null
      ? `<tr><td>${label}</td><td colspan="4" class="muted">households unknown: not applied</td></tr>`
      : `<tr><td>${label}</td><td class="num">${format(c.required)}</td><td class="num">${format(c.actual)}</td>
         <td class="num">${c.met ? "met ✓" : format(c.shortfall)}</td>
         <td><div class="bar"><span style="width:${Math.min(100, c.required ? 100 * c.actual / c.required : 100).toFixed(1)}%"></span></div></td></tr>`;
    $("thresholds").querySelector("tbody").innerHTML =
      row("annual turnover 年成交额", t.turnover, Live.yuan) +
      row("active shops 活跃网店", t.activeShops, Live.int) +
      row(`active shops ≥ 10% of households`, t.householdShare, Live.int);
    $("reason").textContent = `${t.ruleSet}: ${t.reason}`;
  }

  function showChildren() {
    const rows = [...children.values()].sort((a, b) => b.annualTurnover - a.annualTurnover);
    $("children-panel").hidden = rows.length === 0;
    $("children").classList.toggle("no-status", rows.every(c => c.status == null));
    $("children-title").textContent = `Children 下级 (${rows.length})`;
    $("children").querySelector("tbody").innerHTML = rows.map(c => `<tr><td>${Live.regionLink(c.id, c.name)}</td>
      <td>${c.status == null ? "" : Live.statusHtml(c.status)}</td><td class="num">${Live.int(c.taobaoVillages)}</td>
      <td class="num">${Live.int(c.activeShops)}</td><td class="num">${Live.wan(c.todayTurnover)}</td><td class="num">${Live.wan(c.annualTurnover)}</td></tr>`).join("");
  }

  function addToFeed(change) {
    const li = document.createElement("li");
    li.className = change.to !== "none" ? "up" : "down";
    li.innerHTML = `<span class="time">${Live.time(change.eventTime)}</span><span class="change">${Live.text(Live.kind(change.kind))}: ${Live.text(Live.status(change.from))} → ${Live.text(Live.status(change.to))}</span>
      ${Live.text(change.subject === "cluster" ? `${change.name} · ${change.path}` : change.path)} <div class="muted">${Live.text(change.cause)}</div>`;
    $("feed").prepend(li);
    $("history-panel").hidden = false;
  }

  showRegion(region);
  showBreadcrumbs();
  const [kids, history] = await Promise.all([
    region.level === "village" ? Promise.resolve([]) : Live.api(`/api/regions/children?of=${encodeURIComponent(region.id)}`),
    Live.api(`/api/events?within=${encodeURIComponent(region.id)}&limit=200`),
  ]);
  kids.forEach(c => children.set(c.id, c));
  showChildren();
  history.forEach(addToFeed);

  Live.onRegionUpdated((topic, r) => {
    if (r.id === region.id) showRegion(r);
    else if (children.has(r.id)) { children.set(r.id, r); showChildren(); }
  });
  Live.onStatusChanged((topic, change) => { if (topic === `region:${region.id}`) addToFeed(change); });
  await Live.subscribe(`region:${region.id}`);
  // Children's numbers too, as long as the list is small enough to watch one by one.
  if (kids.length <= 60) for (const c of kids) await Live.subscribe(`region:${c.id}`);
  await Live.start();
})().catch(error => {
  document.querySelector("main").insertAdjacentHTML("afterbegin", `<p class="error">${String(error.message)}</p>`);
});
