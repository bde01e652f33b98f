// The entry form offers, for the kind of entry chosen, only the initiatives the fund accepts it
// for (each option's data-kinds, from funding/rules.py). Without this script every initiative
// the fund accepts any entry for stays offered, and the ledger's service refuses a wrong one.
(function () {
  "use strict";
  var kind = document.getElementById("id_kind");
  var menu = document.getElementById("id_initiative");
  if (!kind || !menu) {
    return;
  }
  function offer() {
    menu.querySelectorAll("option[data-kinds]").forEach(function (option) {
      var fits = option.dataset.kinds.split(" ").indexOf(kind.value) !== -1;
      option.hidden = !fits;
      option.disabled = !fits;
      if (!fits && option.selected) {
        menu.value = "";
      }
    });
    menu.querySelectorAll("optgroup").forEach(function (group) {
      group.hidden = !group.querySelector("option:not([disabled])");
    });
  }
  kind.addEventListener("change", offer);
  offer();
})();
