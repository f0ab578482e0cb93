// The chat page: act as a follower of the chosen account; the timeline is polled every second.
"use strict";

(function () {
  const api = window.sandbox.api;
  const POLL_MS = 1000;
  const MENU_MS = 3000;
  const LABELS = {
    you: "You",
    passive: "Passive reply",
    custom: "Customer service",
    template: "Template message",
    error: "Error",
  };

  const $ = (id) => document.getElementById(id);
  const accountSelect = $("account-select");
  const modeSelect = $("mode-select");
  const openidInput = $("openid-input");
  const messageInput = $("message-input");
  const timelineBox = $("timeline");
  const menuBox = $("menu");
  const menuMatch = $("menu-match");
  const qrList = $("qrcodes");
  const statusLine = $("status");

  const state = { accounts: [], key: "", lastSeq: 0, polling: false, menuJson: "", qrJson: "" };

  function newOpenid() {
    const letters = "abcdefghijklmnopqrstuvwxyz0123456789";
    const random = new Uint8Array(8);
    crypto.getRandomValues(random);
    return "o_sandbox_" + Array.from(random, (b) => letters[b % letters.length]).join("");
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function current() {
    return { app_id: accountSelect.value, openid: openidInput.value.trim() };
  }

  function setStatus(text, isError) {
    statusLine.textContent = text;
    statusLine.classList.toggle("error-text", Boolean(isError));
  }

  // -- timeline -------------------------------------------------------------------------

  function eventText(item) {
    switch (item.event) {
      case "subscribe":
        return item.scene ? "Scanned QR code “" + item.scene + "” and followed (" + item.event_key + ")" : "You followed the account";
      case "unsubscribe":
        return "You unfollowed the account";
      case "SCAN":
        return "Scanned QR code “" + item.scene + "” (already following)";
      case "CLICK":
        return "Menu click: " + item.key;
      case "VIEW":
        return "Menu link opened: " + item.url;
      default:
        return "Event " + item.event;
    }
  }

  function articlesNode(articles) {
    const list = el("div", "articles");
    (articles || []).forEach((article) => {
      const card = el("div", "article");
      card.appendChild(el("div", "article-title", article.title || "(untitled)"));
      if (article.description) card.appendChild(el("div", "article-description", article.description));
      if (article.url) card.appendChild(el("div", "article-url", article.url));
      list.appendChild(card);
    });
    return list;
  }

  function templateNode(item) {
    const card = el("div", "template");
    card.appendChild(el("div", "template-id", item.template_id));
    Object.entries(item.data || {}).forEach(([name, entry]) => {
      const line = el("div", "template-line");
      line.appendChild(el("span", "template-key", name + ": "));
      const value = el("span", "template-value", entry.value);
      if (entry.color && /^#[0-9a-fA-F]{3,8}$/.test(entry.color)) value.style.color = entry.color;
      line.appendChild(value);
      card.appendChild(line);
    });
    if (item.url) card.appendChild(el("div", "article-url", "Details: " + item.url));
    return card;
  }

  function imageNode(item) {
    const box = el("div", "image");
    if (item.pic_url && item.pic_url.startsWith(location.origin + "/")) {
      const img = document.createElement("img");
      img.src = item.pic_url;
      img.alt = "image";
      box.appendChild(img);
    }
    box.appendChild(el("div", "media", "[image] " + (item.pic_url || item.media_id)));
    return box;
  }

  const RENDERERS = {
    text: (item) => el("div", "text", item.content),
    location: (item) =>
      el("div", "text", "[location] " + (item.label || "") + " (" + item.latitude + ", " + item.longitude + "), scale " + item.scale),
    image: imageNode,
    event: (item) => el("div", "text", eventText(item)),
    voice: (item) => el("div", "media", "[voice] " + item.media_id),
    video: (item) => el("div", "media", "[video] " + [item.title, item.description].filter(Boolean).join(" — ") + " (" + item.media_id + ")"),
    music: (item) => el("div", "media", "[music] " + [item.title, item.description].filter(Boolean).join(" — ") + " " + (item.music_url || "")),
    news: (item) => articlesNode(item.articles),
    transfer_customer_service: (item) =>
      el("div", "media", "Transferred to customer service" + (item.kf_account ? " (" + item.kf_account + ")" : "")),
    template: templateNode,
    error: (item) => el("div", "text", item.message),
  };

  function bubble(item) {
    const node = el("div", "bubble bubble-" + item.source);
    node.dataset.source = item.source;
    node.dataset.type = item.type;
    node.dataset.seq = item.seq;
    let label = LABELS[item.source] || item.source;
    if (item.source === "you" && item.mode) label += " · " + item.mode;
    if (item.source === "custom" && item.type !== "text") label += " · " + item.type;
    if (item.kf_account && item.source === "custom") label += " · " + item.kf_account;
    const head = el("div", "bubble-label", label);
    head.title = new Date(item.at * 1000).toLocaleString();
    node.appendChild(head);
    const render = RENDERERS[item.type];
    const body = render ? render(item) : el("pre", "raw", JSON.stringify(item, null, 1));
    body.classList.add("bubble-body");
    node.appendChild(body);
    return node;
  }

  function resetTimeline() {
    const { app_id, openid } = current();
    state.key = app_id + "|" + openid;
    state.lastSeq = 0;
    timelineBox.replaceChildren();
    $("phone-title").textContent = selectedAccount() ? selectedAccount().name : "—";
  }

  async function pollTimeline() {
    const { app_id, openid } = current();
    if (!app_id || !openid || state.polling) return;
    const key = app_id + "|" + openid;
    state.polling = true;
    try {
      const query = new URLSearchParams({ app_id: app_id, openid: openid, after: String(state.lastSeq) });
      const answer = await api("timeline?" + query);
      if (key !== state.key) return;
      if (!answer.ok) {
        setStatus(answer.body.message || "timeline: HTTP " + answer.status, true);
        return;
      }
      const atBottom = timelineBox.scrollHeight - timelineBox.scrollTop - timelineBox.clientHeight < 40;
      answer.body.items.forEach((item) => {
        if (item.seq > state.lastSeq) {
          timelineBox.appendChild(bubble(item));
          state.lastSeq = item.seq;
        }
      });
      $("following-state").textContent = answer.body.following ? "yes" : "no";
      if (atBottom || answer.body.items.length) timelineBox.scrollTop = timelineBox.scrollHeight;
    } catch (err) {
      setStatus("timeline: " + err, true);
    } finally {
      state.polling = false;
    }
  }

  // -- sending ----------------------------------------------------------------------------

  async function send(action, fields) {
    const { app_id, openid } = current();
    const body = Object.assign({ app_id: app_id, openid: openid, mode: modeSelect.value, action: action }, fields || {});
    setStatus("Sending " + action + "…", false);
    try {
      const answer = await api("send", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (answer.ok) {
        const reply = answer.body.reply;
        setStatus("Gateway answered HTTP " + answer.body.status + (reply ? ", passive reply: " + reply.type : ", no passive reply"), false);
      } else {
        const field = answer.body.field ? " [" + answer.body.field + "]" : "";
        setStatus((answer.body.message || "HTTP " + answer.status) + field, true);
      }
      return answer.ok;
    } catch (err) {
      setStatus("send: " + err, true);
      return false;
    } finally {
      pollTimeline();
      refreshMenu();
    }
  }

  // -- menu ---------------------------------------------------------------------------------

  function closeSubMenus() {
    menuBox.querySelectorAll(".menu-sub").forEach((sub) => sub.classList.remove("open"));
  }

  function leafButton(button, className) {
    const node = el("button", className, button.name);
    node.type = "button";
    node.dataset.type = button.type;
    if (button.type === "click") {
      node.dataset.key = button.key;
      node.addEventListener("click", () => { closeSubMenus(); send("click", { key: button.key }); });
    } else if (button.type === "view") {
      node.dataset.url = button.url;
      node.addEventListener("click", () => { closeSubMenus(); send("view", { url: button.url }); });
    } else {
      if (button.key) node.dataset.key = button.key;
      node.disabled = true;
      node.title = button.type + " is not simulated by the console";
    }
    return node;
  }

  function renderMenu(menu) {
    menuBox.replaceChildren();
    const buttons = (menu && menu.button) || [];
    menuBox.classList.toggle("empty", buttons.length === 0);
    buttons.forEach((button) => {
      const slot = el("div", "menu-slot");
      if (button.sub_button && button.sub_button.length) {
        const parent = el("button", "menu-button menu-parent", button.name);
        parent.type = "button";
        const sub = el("div", "menu-sub");
        button.sub_button.forEach((child) => sub.appendChild(leafButton(child, "menu-sub-button")));
        parent.addEventListener("click", (event) => {
          event.stopPropagation();
          const wasOpen = sub.classList.contains("open");
          closeSubMenus();
          sub.classList.toggle("open", !wasOpen);
        });
        slot.appendChild(sub);
        slot.appendChild(parent);
      } else {
        slot.appendChild(leafButton(button, "menu-button"));
      }
      menuBox.appendChild(slot);
    });
  }

  function renderMatch(conditional) {
    menuMatch.replaceChildren();
    menuMatch.classList.toggle("empty", !conditional);
    if (!conditional) return;
    const rule = Object.entries(conditional.matchrule).map(([name, value]) => name + " " + value).join(", ");
    menuMatch.textContent = "Conditional menu " + conditional.menuid + " (" + rule + ")";
    menuMatch.dataset.menuid = conditional.menuid;
  }

  // The menu this follower sees: the fake matches the conditional menus against their tags.
  async function refreshMenu() {
    const { app_id, openid } = current();
    if (!app_id) return;
    try {
      const answer = await api("menu?" + new URLSearchParams({ app_id: app_id, openid: openid }));
      if (!answer.ok || app_id !== current().app_id || openid !== current().openid) return;
      const json = JSON.stringify([answer.body.menu, answer.body.conditional]);
      if (json !== state.menuJson) {
        state.menuJson = json;
        renderMenu(answer.body.menu);
        renderMatch(answer.body.conditional);
      }
    } catch (err) {
      setStatus("menu: " + err, true);
    }
  }

  // -- QR codes -----------------------------------------------------------------------------

  function qrItem(code) {
    const item = el("li", "qr-item" + (code.expired ? " expired" : ""));
    item.dataset.ticket = code.ticket;
    item.dataset.scene = code.scene;
    if (!code.expired) {
      const img = document.createElement("img");
      img.className = "qr-image";
      img.src = code.image_url;
      img.alt = "QR code " + code.scene;
      item.appendChild(img);
    }
    const lifetime = code.expire_seconds === null ? "permanent" : code.expired ? "expired" : "expires " + new Date(code.expires_at * 1000).toLocaleString();
    item.appendChild(el("div", "qr-scene", code.scene));
    item.appendChild(el("div", "qr-meta", code.action_name + " · " + lifetime));
    const scan = el("button", "qr-scan", "Scan");
    scan.type = "button";
    scan.disabled = code.expired;
    scan.addEventListener("click", () => send("scan", { scene: code.scene, ticket: code.ticket }));
    item.appendChild(scan);
    return item;
  }

  async function refreshQrCodes() {
    const { app_id } = current();
    if (!app_id) return;
    try {
      const answer = await api("qrcodes?" + new URLSearchParams({ app_id: app_id }));
      if (!answer.ok || app_id !== current().app_id) return;
      const json = JSON.stringify(answer.body.qrcodes);
      if (json !== state.qrJson) {
        state.qrJson = json;
        qrList.replaceChildren(...answer.body.qrcodes.map(qrItem));
      }
    } catch (err) {
      setStatus("QR codes: " + err, true);
    }
  }

  // -- accounts, openid -------------------------------------------------------------------

  function selectedAccount() {
    return state.accounts.find((account) => account.app_id === accountSelect.value);
  }

  function fillModes() {
    const account = selectedAccount();
    modeSelect.replaceChildren();
    if (!account) return;
    account.modes.forEach((mode) => {
      const option = el("option", "", mode);
      option.value = mode;
      modeSelect.appendChild(option);
    });
    modeSelect.value = account.default_mode;
  }

  function accountChanged() {
    localStorage.setItem("sandbox.app_id", accountSelect.value);
    fillModes();
    state.menuJson = "";
    state.qrJson = "";
    renderMenu(null);
    renderMatch(null);
    resetTimeline();
    refreshMenu();
    refreshQrCodes();
    pollTimeline();
  }

  function openidChanged() {
    const openid = openidInput.value.trim();
    if (openid) localStorage.setItem("sandbox.openid", openid);
    resetTimeline();
    state.menuJson = "";
    refreshMenu();
    pollTimeline();
  }

  async function loadAccounts() {
    state.accounts = await window.sandbox.loadAccounts(accountSelect);
    if (!state.accounts.length) setStatus("No account with a Token is configured.", true);
    accountChanged();
  }

  // -- wiring --------------------------------------------------------------------------------

  function wire() {
    openidInput.value = localStorage.getItem("sandbox.openid") || newOpenid();
    localStorage.setItem("sandbox.openid", openidInput.value);
    accountSelect.addEventListener("change", accountChanged);
    openidInput.addEventListener("change", openidChanged);
    $("new-openid-button").addEventListener("click", () => { openidInput.value = newOpenid(); openidChanged(); });
    $("composer").addEventListener("submit", async (event) => {
      event.preventDefault();
      const content = messageInput.value;
      if (!content.trim()) return;
      if (await send("text", { content: content })) messageInput.value = "";
    });
    $("subscribe-button").addEventListener("click", () => send("subscribe"));
    $("unsubscribe-button").addEventListener("click", () => send("unsubscribe"));
    $("scan-button").addEventListener("click", () => {
      const scene = window.prompt("QR code scene (scene_str, or a scene_id)", "sandbox");
      if (scene) send("scan", { scene: scene.trim() });
    });
    $("location-button").addEventListener("click", () => {
      const answer = window.prompt("latitude, longitude, label", "23.134521, 113.358803, Tianhe, Guangzhou");
      if (!answer) return;
      const parts = answer.split(",");
      send("location", {
        latitude: Number(parts[0]),
        longitude: Number(parts[1]),
        label: parts.slice(2).join(",").trim(),
      });
    });
    $("image-button").addEventListener("click", () => {
      const url = window.prompt("Picture URL", location.origin + "/sandbox/static/photo.svg");
      if (url) send("image", { pic_url: url.trim() });
    });
    document.addEventListener("click", closeSubMenus);
    setInterval(pollTimeline, POLL_MS);
    setInterval(refreshMenu, MENU_MS);
    setInterval(refreshQrCodes, MENU_MS);
    loadAccounts();
  }

  wire();
})();
