// Follows a requested report's progress on its page: asks the JSON status endpoint every two
// seconds while the report is queued or rendering, then shows the download links or the reason
// it failed. No reload by hand; nothing inline, so the strict Content-Security-Policy holds.
(function () {
  "use strict";
  var box = document.getElementById("report-status");
  if (!box) { return; }
  var url = box.getAttribute("data-status-url");
  var part = function (role) { return box.querySelector('[data-role="' + role + '"]'); };
  var delay = 2000;

  function show(element, visible) {
    if (element) { element.hidden = !visible; }
  }

  function update(state) {
    box.setAttribute("data-status", state.status);
    part("label").textContent = state.label;
    var pending = state.status === "queued" || state.status === "rendering";
    show(part("working"), pending);
    part("reason").textContent = state.reason || "";
    show(part("reason"), Boolean(state.reason));
    if (state.download_url) {
      part("download").setAttribute("href", state.download_url);
      part("package").setAttribute("href", state.package_url);
    }
    show(part("links"), Boolean(state.download_url));
    show(part("retry"), state.status === "failed");
    return pending;
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      })
      .then(function (state) {
        if (update(state)) { window.setTimeout(poll, delay); }
      })
      .catch(function () {
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }

  var initial = box.getAttribute("data-status");
  if (initial === "queued" || initial === "rendering") { window.setTimeout(poll, delay); }
})();
