/* A practice attempt: each score field gets its slider (score.js, the rate
   page's). The page works without this file: scores are typed. */
(function () {
  "use strict";
  var form = document.querySelector(".practice-form");
  if (!form || !window.kloofScore) { return; }
  form.querySelectorAll(".practice-score").forEach(function (row) {
    var range = row.querySelector(".rating-range");
    var field = row.querySelector(".rating-number");
    range.hidden = false;
    window.kloofScore.bind(range, field, form.dataset.msgUnset, function () {});
  });
}());
