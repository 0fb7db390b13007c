/* Proposing a rating from an interview: the slider beside the score field, as on
   the rate page (score.js). The page works without this file: type the score. */
(function () {
  "use strict";
  var form = document.querySelector(".interview-rate");
  if (!form || !window.kloofScore) { return; }
  var range = form.querySelector(".rating-range");
  var number = form.querySelector(".rating-number");
  range.hidden = false;
  window.kloofScore.bind(range, number, form.dataset.msgUnset, function () {});
})();
