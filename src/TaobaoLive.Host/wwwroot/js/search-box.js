// Region search box for every page: fills <div id="region-search"> with an input that asks
// GET /api/regions/search as the operator types (name prefix, code prefix, or a path ending in a
// name prefix) and opens the chosen region's page. Self-contained: no other script needed.
"use strict";

(() => {
  const host = document.getElementById("region-search");
  if (!host) return;
  const levels = { province: "省", city: "市", county: "县", town: "乡镇", village: "村" };
  host.innerHTML = `<input type="search" autocomplete="off" spellcheck="false" placeholder="搜索地区 search: 东风村, 4452, 广东省/揭阳市/…" aria-label="search regions"><ol class="results" hidden></ol>`;
  const input = host.querySelector("input");
  const list = host.querySelector("ol");
  let hits = [];
  let active = -1;
  let timer = 0;
  let asked = 0;

  const escape = text => String(text).replace(/[&<>"]/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
  const open = hit => { location.href = `/region.html?id=${encodeURIComponent(hit.id)}`; };

  function render() {
    list.hidden = hits.length === 0 && input.value.trim() === "";
    list.innerHTML = hits.length === 0
      ? `<li class="empty">${input.value.trim() === "" ? "" : "no region matches"}</li>`
      : hits.map((h, i) => `<li data-index="${i}" class="${i === active ? "active" : ""}">
          <span class="name">${escape(h.name)}</span><span class="level">${levels[h.level] ?? h.level}</span>
          <span class="path">${escape(h.path)}</span><span class="code">${escape(h.code ?? h.id)}${h.listed2015 ? " · 2015" : ""}</span></li>`).join("");
  }

  async function search() {
    const q = input.value.trim();
    const ticket = ++asked;
    if (q === "") { hits = []; render(); return; }
    const response = await fetch(`/api/regions/search?q=${encodeURIComponent(q)}&limit=10`);
    if (ticket !== asked) return; // a newer query is on its way
    hits = response.ok ? await response.json() : [];
    active = hits.length > 0 ? 0 : -1;
    render();
  }

  input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 150); });
  input.addEventListener("keydown", e => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      e.preventDefault();
      if (hits.length > 0) { active = (active + (e.key === "ArrowDown" ? 1 : hits.length - 1)) % hits.length; render(); }
    } else if (e.key === "Enter" && hits[active]) {
      open(hits[active]);
    } else if (e.key === "Escape") {
      list.hidden = true;
    }
  });
  list.addEventListener("mousedown", e => {
    const item = e.target.closest("li[data-index]");
    if (item) open(hits[Number(item.dataset.index)]);
  });
  input.addEventListener("blur", () => setTimeout(() => { list.hidden = true; }, 150));
  input.addEventListener("focus", () => { if (hits.length > 0) list.hidden = false; });
})();
