// The events page: the bus's recent events and the dispatcher's per-day stats, refreshed on a timer.
"use strict";

(function () {
  const api = window.sandbox.api;
  const EVENTS_MS = 2000;
  const STATS_MS = 10000;

  const $ = (id) => document.getElementById(id);
  const accountSelect = $("account-select");
  const daysSelect = $("days-select");

  function cell(text) {
    const td = document.createElement("td");
    td.textContent = text === undefined || text === null ? "" : String(text);
    return td;
  }

  function time(seconds) {
    return typeof seconds === "number" ? new Date(seconds * 1000).toLocaleString() : "";
  }

  function counts(map) {
    return Object.entries(map || {})
      .sort((a, b) => b[1] - a[1])
      .map(([name, count]) => name + ": " + count)
      .join(", ");
  }

  function scenes(day) {
    const follows = Object.entries(day.subscribes_by_scene || {}).map(([scene, n]) => "follow " + scene + ": " + n);
    const scans = Object.entries(day.scans_by_scene || {}).map(([scene, n]) => "scan " + scene + ": " + n);
    return follows.concat(scans).join(", ");
  }

  async function refreshEvents() {
    try {
      const answer = await api("events?limit=100");
      if (!answer.ok) {
        $("events-status").textContent = answer.body.message || "HTTP " + answer.status;
        return;
      }
      const rows = answer.body.events.map((entry) => {
        const row = document.createElement("tr");
        row.className = "event-row";
        row.dataset.routingKey = entry.routing_key;
        row.dataset.seq = entry.seq;
        row.title = entry.json ? JSON.stringify(entry.body, null, 2) : String(entry.body);
        [time(entry.received_at), entry.routing_key, entry.type, time(entry.create_time), entry.from_user,
          entry.json ? entry.content : "(not JSON) " + entry.body].forEach((value) => row.appendChild(cell(value)));
        return row;
      });
      $("events").tBodies[0].replaceChildren(...rows);
      $("events-status").textContent = rows.length ? "" : "(none yet)";
    } catch (err) {
      $("events-status").textContent = String(err);
    }
  }

  function statsRow(label, day) {
    const row = document.createElement("tr");
    row.className = "stats-row";
    row.dataset.date = label;
    [label, day.total, day.unique_users, counts(day.messages), counts(day.events), day.subscribes, day.unsubscribes,
      scenes(day), counts(day.menu_clicks), counts(day.menu_views)].forEach((value) =>
      row.appendChild(cell(value)));
    return row;
  }

  async function refreshStats() {
    const app_id = accountSelect.value;
    if (!app_id) return;
    try {
      const answer = await api("stats?" + new URLSearchParams({ app_id: app_id, days: daysSelect.value }));
      if (app_id !== accountSelect.value) return;
      if (!answer.ok) {
        $("stats-error").textContent = answer.body.message || "HTTP " + answer.status;
        return;
      }
      $("stats-error").textContent = "";
      const rows = answer.body.days.slice().reverse().map((day) => statsRow(day.date, day));
      const totals = statsRow("total", answer.body.totals || {});
      totals.classList.add("totals");
      $("stats").tBodies[0].replaceChildren(totals, ...rows);
    } catch (err) {
      $("stats-error").textContent = String(err);
    }
  }

  async function loadAccounts() {
    await window.sandbox.loadAccounts(accountSelect);
    refreshStats();
  }

  accountSelect.addEventListener("change", () => {
    localStorage.setItem("sandbox.app_id", accountSelect.value);
    refreshStats();
  });
  daysSelect.addEventListener("change", refreshStats);
  refreshEvents();
  loadAccounts();
  setInterval(refreshEvents, EVENTS_MS);
  setInterval(refreshStats, STATS_MS);
})();
