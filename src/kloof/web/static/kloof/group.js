/* A group participant's form, improved where scripts run (it works without this
   file: each score is typed). Shows a slider beside each score field (score.js). */
(function () {
  "use strict";
  if (!window.kloofScore) { return; }
  document.querySelectorAll(".group-score").forEach(function (row) {
    var range = row.querySelector(".respond-range");
    var field = row.querySelector(".respond-number");
    if (!range || !field) { return; }
    range.parentElement.hidden = false;
    window.kloofScore.bind(range, field, "", function () {});
  });
})();
