// Copy buttons for a link shown once (respondent links): a button with
// data-copy-target="<id of a read-only input>" copies that input's value.
// The button stays hidden without script; the link can always be selected by hand.
(function () {
  "use strict";

  function report(button, text) {
    var status = button.parentNode.querySelector(".copy-status");
    if (status) {
      status.textContent = text;
    }
  }

  function fallbackCopy(input) {
    input.focus();
    input.select();
    try {
      return document.execCommand("copy");
    } catch (error) {
      return false;
    }
  }

  function copy(button) {
    var input = document.getElementById(button.getAttribute("data-copy-target"));
    if (!input) {
      return;
    }
    var done = function () { report(button, button.getAttribute("data-copied")); };
    var failed = function () {
      if (fallbackCopy(input)) {
        done();
      } else {
        input.select();
        report(button, button.getAttribute("data-failed"));
      }
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(input.value).then(done, failed);
    } else {
      failed();
    }
  }

  document.querySelectorAll("button[data-copy-target]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { copy(button); });
  });
})();
