/* A stand-in for WeChat's JS-SDK (res.wx.qq.com/open/js/jweixin-1.6.0.js), served by the sandbox.
 * wx.config({appId, timestamp, nonceStr, signature, jsApiList}) is checked as WeChat's client checks
 * it: the sandbox's fake WeChat recomputes the signature over the account's jsapi_ticket and this
 * page's URL without its fragment (location.href.split('#')[0]). wx.ready(fn) runs after
 * "config:ok"; wx.error(fn) gets {errMsg: "config:invalid signature"} and the like. Nothing else
 * of the SDK is here. */
(function () {
  "use strict";
  var script = document.currentScript;
  var origin = script ? new URL(script.src).origin : window.location.origin;
  var readyCallbacks = [];
  var errorCallbacks = [];
  var outcome = null;

  function settle(errMsg) {
    outcome = { errMsg: errMsg };
    var callbacks = errMsg === "config:ok" ? readyCallbacks : errorCallbacks;
    callbacks.splice(0).forEach(function (fn) {
      fn(errMsg === "config:ok" ? undefined : outcome);
    });
  }

  window.wx = {
    config: function (options) {
      var body = {
        appId: options.appId,
        timestamp: options.timestamp,
        nonceStr: options.nonceStr,
        signature: options.signature,
        url: window.location.href.split("#")[0],
      };
      fetch(origin + "/_client/jssdk/config", {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: JSON.stringify(body),
      })
        .then(function (response) { return response.json(); })
        .then(function (answer) {
          if (options.debug) { console.log("wx.config", answer.errMsg); }
          settle(answer.errMsg);
        })
        .catch(function () { settle("config:fail, WeChat unreachable"); });
    },
    ready: function (fn) {
      if (outcome && outcome.errMsg === "config:ok") { fn(); } else { readyCallbacks.push(fn); }
    },
    error: function (fn) {
      if (outcome && outcome.errMsg !== "config:ok") { fn(outcome); } else { errorCallbacks.push(fn); }
    },
  };
})();
