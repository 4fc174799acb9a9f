// Shared by every page: the SignalR connection (reconnects and resubscribes by itself), the
// connection badge, API helpers and number formatting. No library is fetched from outside:
// signalR and echarts are served by the host from /lib.
"use strict";

const Live = (() => {
  const topics = new Set();
  const handlers = { statusChanged: [], regionUpdated: [], leaderboardUpdated: [] };
  let connection;

  // Connection state and the time of the last sign of life (a push, or an API answer), for the
  // pages' staleness display.
  let state = "connecting";
  let lastUpdate = null;
  const stateHandlers = [];

  function badge(next) {
    state = next;
    const el = document.getElementById("connection");
    if (el) {
      el.className = next;
      el.textContent = { connected: "connected", connecting: "connecting…", reconnecting: "reconnecting…", disconnected: "disconnected" }[next];
      el.title = { connected: "已连接", connecting: "连接中", reconnecting: "重新连接中", disconnected: "已断开" }[next];
    }
    stateHandlers.forEach(h => h(next));
  }

  const touch = () => { lastUpdate = Date.now(); };

  // A connection that drops while subscribing rejects the pending invocations: the automatic
  // reconnect then subscribes everything again, so the failure is only logged here (treating it
  // as a failed start would open a second connection beside the reconnected one).
  async function resubscribe() {
    try {
      for (const topic of topics) {
        await connection.invoke("Subscribe", topic);
      }
    } catch (e) {
      console.warn("subscribing interrupted; the reconnect subscribes again", e);
    }
  }

  async function start() {
    connection = new signalR.HubConnectionBuilder()
      .withUrl("/hubs/live")
      // Keep trying for as long as the screen is up: a control room screen must come back on its own.
      .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(10000, 500 * (ctx.previousRetryCount + 1)) })
      .build();
    connection.on("statusChanged", (topic, change) => { touch(); handlers.statusChanged.forEach(h => h(topic, change)); });
    connection.on("regionUpdated", (topic, region) => { touch(); handlers.regionUpdated.forEach(h => h(topic, region)); });
    connection.on("leaderboardUpdated", (topic, entries) => { touch(); handlers.leaderboardUpdated.forEach(h => h(topic, entries)); });
    connection.onreconnecting(() => badge("reconnecting"));
    connection.onreconnected(async () => { badge("connected"); await resubscribe(); });
    connection.onclose(() => { badge("disconnected"); setTimeout(start, 2000); });
    badge("connecting");
    try {
      await connection.start();
    } catch {
      badge("disconnected");
      setTimeout(start, 2000);
      return;
    }

    badge("connected");
    await resubscribe();
  }

  async function subscribe(topic) {
    topics.add(topic);
    if (connection && connection.state === signalR.HubConnectionState.Connected) {
      await connection.invoke("Subscribe", topic);
    }
  }

  async function api(path) {
    const response = await fetch(path, { headers: { accept: "application/json" } });
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
    const body = await response.json();
    touch();
    return body;
  }

  const yuanFormat = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const intFormat = new Intl.NumberFormat("zh-CN");
  const fixed = digits => new Intl.NumberFormat("zh-CN", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const yuan = v => "¥" + yuanFormat.format(v);
  // Amounts in 亿 (1e8) or 万 (1e4) with four significant digits (1.234万, 12.34万, 123.4万,
  // 1,234万; past 9,999亿 whole 亿): at most eight characters, so a number fits its column whatever
  // the day brings.
  const wan = v => {
    const a = Math.abs(v);
    const [unit, scaled] = a >= 1e8 ? ["亿", v / 1e8] : a >= 1e4 ? ["万", v / 1e4] : ["", v];
    const s = Math.abs(scaled);
    const digits = unit === "" ? 0 : s < 10 ? 3 : s < 100 ? 2 : s < 1000 ? 1 : 0;
    return fixed(digits).format(scaled) + unit;
  };
  // The headline: two decimals in 亿 or 万 (¥5,000.00亿, ¥1,234.56万), at most eleven characters.
  const headline = v => {
    const a = Math.abs(v);
    return a >= 1e8 ? "¥" + yuanFormat.format(v / 1e8) + "亿" : a >= 1e4 ? "¥" + yuanFormat.format(v / 1e4) + "万" : yuan(v);
  };
  const int = v => intFormat.format(v);
  // Counts and rates: whole numbers to 999,999, then 万 with one decimal.
  const count = v => Math.abs(v) >= 1e6 ? fixed(1).format(v / 1e4) + "万" : intFormat.format(v);
  const time = t => new Date(t).toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
  const text = s => String(s ?? "").replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  const regionLink = (id, label, title) => `<a href="/region.html?id=${encodeURIComponent(id)}" title="${text(title ?? label)}">${text(label)}</a>`;

  // Statuses and changes in words, Chinese and English (the API's slugs stay in the title).
  const statusWords = {
    "taobao-village": "淘宝村 Taobao village", "taobao-town": "淘宝镇 Taobao town",
    "cluster": "淘宝村集群 cluster", "large-cluster": "大型集群 large cluster", "none": "未达标 not qualified",
  };
  const status = slug => slug == null ? "—" : statusWords[slug] ?? slug;
  const statusHtml = slug => `<span class="status status-${text(slug ?? "none")}" title="${text(slug ?? "")}">${text(status(slug))}</span>`;
  const kindWords = {
    "qualified": "达标 qualified", "lapsed": "失去资格 lapsed", "cluster-formed": "集群形成 formed", "cluster-grew": "集群扩大 grew",
    "cluster-shrank": "集群缩小 shrank", "cluster-merged": "集群合并 merged", "cluster-split": "集群分裂 split",
    "cluster-dissolved": "集群解散 dissolved", "cluster-became-large": "成为大型集群 became large", "cluster-no-longer-large": "不再是大型集群 no longer large",
  };
  const kind = slug => kindWords[slug] ?? slug;
  const levelWords = { country: "国家 country", province: "省 province", city: "市 city", county: "县 county", town: "镇 town", village: "村 village" };
  const level = slug => levelWords[slug] ?? slug;

  return {
    start, subscribe, api, yuan, wan, headline, int, count, time, text, regionLink, status, statusHtml, kind, level, touch,
    state: () => state,
    lastUpdate: () => lastUpdate,
    onState: h => stateHandlers.push(h),
    onStatusChanged: h => handlers.statusChanged.push(h),
    onRegionUpdated: h => handlers.regionUpdated.push(h),
    onLeaderboardUpdated: h => handlers.leaderboardUpdated.push(h),
  };
})();
