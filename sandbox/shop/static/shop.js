// The demo shop's page: who the visitor is (from its backend's session), the login link through the
// web service, and wx.config with the web service's signature for this very URL.
(function () {
  "use strict";
  var appId = decodeURIComponent(window.location.pathname.split("/")[2] || "");
  var params = new URLSearchParams(window.location.search);

  function show(id, visible) { document.getElementById(id).hidden = !visible; }
  function text(id, value) { document.getElementById(id).textContent = value; }

  function configureJsSdk(webUrl) {
    var page = window.location.href.split("#")[0];
    fetch(webUrl + "/jssdk/" + encodeURIComponent(appId) + "/config?url=" + encodeURIComponent(page))
      .then(function (response) {
        if (!response.ok) { throw new Error("config " + response.status); }
        return response.json();
      })
      .then(function (config) {
        wx.ready(function () { text("jssdk-status", "config:ok"); });
        wx.error(function (res) { text("jssdk-status", res.errMsg); });
        wx.config({
          debug: false,
          appId: config.appId,
          timestamp: config.timestamp,
          nonceStr: config.nonceStr,
          signature: config.signature,
          jsApiList: ["updateAppMessageShareData", "chooseImage"],
        });
      })
      .catch(function (error) { text("jssdk-status", "no config: " + error.message); });
  }

  var error = params.get("wx_error");
  if (error) {
    text("login-error", "Login: " + error);
    show("login-error", true);
  }
  text("shop-title", "Demo shop · " + appId);
  fetch("/shop/api/" + encodeURIComponent(appId) + "/session")
    .then(function (response) { return response.json(); })
    .then(function (session) {
      var identity = session.identity;
      if (identity) {
        var user = identity.user || {};
        text("nickname", user.nickname || "(no profile: snsapi_base)");
        text("openid", identity.openid);
        text("scope", identity.scope);
        if (user.headimgurl) { document.getElementById("avatar").src = user.headimgurl; }
        show("who", true);
      } else {
        var back = window.location.origin + window.location.pathname;
        document.getElementById("login-button").href = session.web_url + "/oauth/" + encodeURIComponent(appId) +
          "/login?scope=snsapi_userinfo&return_to=" + encodeURIComponent(back);
        show("guest", true);
      }
      configureJsSdk(session.web_url);
    });
})();
