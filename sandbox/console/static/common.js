// What both console pages share: the console's JSON API and the account picker.
"use strict";

window.sandbox = (function () {
  const API = "/sandbox/api/";

  async function api(path, options) {
    const response = await fetch(API + path, options);
    let body = null;
    try {
      body = await response.json();
    } catch (err) {
      body = { message: "HTTP " + response.status + " without JSON" };
    }
    return { ok: response.ok, status: response.status, body: body };
  }

  // Fill <select> with the accounts, choosing the one picked last (on either page); the accounts.
  async function loadAccounts(select) {
    const answer = await api("accounts");
    const accounts = answer.ok ? answer.body.accounts : [];
    select.replaceChildren();
    accounts.forEach((account) => {
      const option = document.createElement("option");
      option.value = account.app_id;
      option.textContent = account.name + " (" + account.app_id + ")";
      select.appendChild(option);
    });
    const saved = localStorage.getItem("sandbox.app_id");
    if (saved && accounts.some((account) => account.app_id === saved)) select.value = saved;
    return accounts;
  }

  return { api: api, loadAccounts: loadAccounts };
})();
