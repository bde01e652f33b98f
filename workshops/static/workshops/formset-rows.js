// "Add another row" for the workshop log: the page works without this script (it has blank
// rows already); with it, a coordinator can add as many rows as the workshop needs.
(function () {
  "use strict";
  document.querySelectorAll(".item-formset").forEach(function (fieldset) {
    var prefix = fieldset.dataset.prefix;
    var total = fieldset.querySelector("input[name='" + prefix + "-TOTAL_FORMS']");
    var template = fieldset.querySelector("template.empty-row");
    var rows = fieldset.querySelector(".item-rows");
    var button = fieldset.querySelector(".add-row");
    if (!total || !template || !rows || !button) {
      return;
    }
    button.hidden = false;
    button.addEventListener("click", function () {
      var index = parseInt(total.value, 10);
      var html = template.innerHTML
        .replace(/__prefix__/g, String(index))
        .replace(/__number__/g, String(index + 1));
      rows.insertAdjacentHTML("beforeend", html);
      total.value = String(index + 1);
      var added = rows.lastElementChild;
      var first = added && added.querySelector("textarea, input, select");
      if (first) {
        first.focus();
      }
    });
  });
})();
