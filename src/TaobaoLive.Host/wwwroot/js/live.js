// Shared by every page: the SignalR connection (reconnects and resubscribes by itself), the
// connection badge, API helpers and number formatting. No library is fetched from outside:
// signalR and echarts are served by the host from /lib.
"use strict";

const Live = (() => {
  const topics = new Set();
  const handlers = { statusChanged: [], regionUpdated: [], leaderboardUpdated: [] };
  let connection;

  function badge(state) {
    const el = document.getElementById("connection");
    if (!el) return;
    el.className = state;
    el.textContent = { connected: "connected", connecting: "connecting…", reconnecting: "reconnecting…", disconnected: "disconnected" }[state];
  }

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
    connection.on("statusChanged", (topic, change) => handlers.statusChanged.forEach(h => h(topic, change)));
    connection.on("regionUpdated", (topic, region) => handlers.regionUpdated.forEach(h => h(topic, region)));
    connection.on("leaderboardUpdated", (topic, entries) => handlers.leaderboardUpdated.forEach(h => h(topic, entries)));
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
    return response.json();
  }

  const yuanFormat = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const intFormat = new Intl.NumberFormat("zh-CN");
  const yuan = v => "¥" + yuanFormat.format(v);
  const wan = v => v >= 1e8 ? (v / 1e8).toFixed(2) + " 亿" : v >= 1e4 ? (v / 1e4).toFixed(1) + " 万" : yuanFormat.format(v);
  const int = v => intFormat.format(v);
  const time = t => new Date(t).toLocaleTimeString("zh-CN", { timeZone: "Asia/Shanghai", hour12: false });
  const text = s => String(s ?? "").replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c]));
  const regionLink = (id, label) => `<a href="/region.html?id=${encodeURIComponent(id)}">${text(label)}</a>`;

  return {
    start, subscribe, api, yuan, wan, int, time, text, regionLink,
    onStatusChanged: h => handlers.statusChanged.push(h),
    onRegionUpdated: h => handlers.regionUpdated.push(h),
    onLeaderboardUpdated: h => handlers.leaderboardUpdated.push(h),
  };
})();
