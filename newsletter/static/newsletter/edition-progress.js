// Polls the edition's progress while it is being sent, and reloads once it is done
// so the page can list the failures.
(function () {
  "use strict";
  var section = document.getElementById("edition-progress");
  if (!section || section.dataset.status !== "sending") {
    return;
  }
  var url = section.dataset.progressUrl;
  function show(progress) {
    ["sent", "total", "pending", "failed", "skipped"].forEach(function (name) {
      var field = section.querySelector('[data-field="' + name + '"]');
      if (field) {
        field.textContent = progress[name];
      }
    });
    var bar = section.querySelector('[data-field="percent-bar"]');
    if (bar) {
      bar.value = progress.percent;
      bar.textContent = progress.percent + "%";
    }
  }
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (progress) {
        show(progress);
        if (progress.status === "sending") {
          window.setTimeout(poll, 2000);
        } else {
          window.location.reload();
        }
      })
      .catch(function () { window.setTimeout(poll, 5000); });
  }
  window.setTimeout(poll, 1000);
})();
