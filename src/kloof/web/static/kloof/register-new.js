// The new-entry form of the register: show the party fields of the chosen kind
// of difference only (two parties, or the party being seen and the viewer).
// Without script both groups stay visible and the server reads the chosen one.
(function () {
  "use strict";

  function update(form) {
    var chosen = form.querySelector('input[name="kind"]:checked');
    var kind = chosen ? chosen.value : "position";
    form.querySelectorAll("fieldset[data-kind]").forEach(function (group) {
      group.hidden = group.getAttribute("data-kind") !== kind;
    });
  }

  document.querySelectorAll("form.register-new").forEach(function (form) {
    form.querySelectorAll('input[name="kind"]').forEach(function (radio) {
      radio.addEventListener("change", function () { update(form); });
    });
    update(form);
  });
})();
