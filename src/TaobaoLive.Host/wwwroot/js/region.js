// Drill-down for any region (?id=<id or path>): its numbers live over region:<id>, its children,
// its status history (live), and for a village how far it is from each threshold.
"use strict";

(async () => {
  const $ = id => document.getElementById(id);
  const requested = new URLSearchParams(location.search).get("id") ?? "country-cn";
  let region = await Live.api(`/api/regions/${encodeURIComponent(requested)}`).catch(() => null)
    ?? (await Live.api(`/api/regions?path=${encodeURIComponent(requested)}`));
  const children = new Map();

  function kpi(label, value) {
    return `<div class="kpi"><div class="label">${label}</div><div class="value">${value}</div></div>`;
  }

  function showRegion(r) {
    region = r;
    document.title = `TaobaoLive — ${r.name}`;
    $("title").textContent = `${r.name} · ${r.level}`;
    const cells = [
      kpi("Status 状态", `<span class="status-${Live.text(r.status ?? "none")}">${Live.text(r.status ?? "—")}</span>`),
      kpi("Annual turnover 年成交额", Live.yuan(r.annualTurnover)),
      kpi("Today 今日", Live.yuan(r.todayTurnover)),
      kpi("Active shops 活跃网店", `${Live.int(r.activeShops)} <span class="muted">/ ${Live.int(r.shops)}</span>`),
    ];
    if (r.households != null) cells.push(kpi("Households 户数", Live.int(r.households)));
    if (r.level !== "village") {
      cells.push(kpi("Taobao villages 淘宝村", Live.int(r.taobaoVillages)));
      cells.push(kpi("Taobao towns 淘宝镇", Live.int(r.taobaoTowns)));
      cells.push(kpi("Clusters 集群", Live.int(r.clusters)));
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
    $("children-title").textContent = `Children 下级 (${rows.length})`;
    $("children").querySelector("tbody").innerHTML = rows.map(c => `<tr><td>${Live.regionLink(c.id, c.name)}</td>
      <td class="status-${Live.text(c.status ?? "none")}">${Live.text(c.status ?? "")}</td><td class="num">${Live.int(c.taobaoVillages)}</td>
      <td class="num">${Live.int(c.activeShops)}</td><td class="num">${Live.wan(c.todayTurnover)}</td><td class="num">${Live.wan(c.annualTurnover)}</td></tr>`).join("");
  }

  function addToFeed(change) {
    const li = document.createElement("li");
    li.className = change.to !== "none" ? "up" : "down";
    li.innerHTML = `<span class="time">${Live.time(change.eventTime)}</span><span class="change">${Live.text(change.from)} → ${Live.text(change.to)}</span>
      ${Live.text(change.path)} <div class="muted">${Live.text(change.cause)}</div>`;
    $("feed").prepend(li);
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
