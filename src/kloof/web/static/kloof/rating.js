/* The rate page: the slider's number, "no opinion" turning the slider off, and
   the saved / not saved state of each factor. The page works without this file:
   the form then posts as a whole. Each factor saves through htmx (the fieldset's
   hx-post on change); the server answers the factor's status line. */
(function () {
  "use strict";
  var form = document.querySelector(".rating-form");
  if (!form) { return; }
  var number = new Intl.NumberFormat(document.documentElement.lang || undefined, { maximumFractionDigits: 2 });

  // A 400 carries a message for the status line: show it instead of ignoring it.
  if (window.htmx) {
    window.htmx.config.responseHandling = [
      { code: "204", swap: false },
      { code: "[23]..", swap: true },
      { code: "400", swap: true, error: true },
      { code: "...", swap: false, error: true }
    ];
  }

  function factorOf(element) { return element.closest(".rating-factor"); }

  function showValue(fieldset) {
    var range = fieldset.querySelector(".rating-range");
    var output = fieldset.querySelector(".rating-value");
    var noOpinion = fieldset.querySelector(".rating-no-opinion input");
    if (!range || !output) { return; }
    output.textContent = noOpinion && noOpinion.checked ? form.dataset.msgNoOpinion : number.format(Number(range.value));
  }

  function applyNoOpinion(fieldset) {
    var range = fieldset.querySelector(".rating-range");
    var noOpinion = fieldset.querySelector(".rating-no-opinion input");
    if (!range || !noOpinion || noOpinion.disabled) { return; }
    range.disabled = noOpinion.checked;
    showValue(fieldset);
  }

  function setState(fieldset, failed, text) {
    var status = fieldset.querySelector(".rating-status");
    var button = fieldset.querySelector(".factor-save");
    fieldset.classList.toggle("rating-failed", failed);
    if (text !== null && status) { status.textContent = text; }
    if (button) {
      if (!button.dataset.label) { button.dataset.label = button.innerHTML; }
      if (failed) { button.textContent = form.dataset.msgRetry; } else { button.innerHTML = button.dataset.label; }
    }
  }

  form.querySelectorAll(".rating-factor").forEach(function (fieldset) { applyNoOpinion(fieldset); });

  form.addEventListener("input", function (event) {
    if (event.target.classList.contains("rating-range")) { showValue(factorOf(event.target)); }
  });
  form.addEventListener("change", function (event) {
    if (event.target.closest(".rating-no-opinion")) { applyNoOpinion(factorOf(event.target)); }
  });
  // The Save button of a factor saves that factor only (without script it posts the page).
  form.addEventListener("click", function (event) {
    var button = event.target.closest(".factor-save");
    if (!button || !window.htmx) { return; }
    event.preventDefault();
    window.htmx.trigger(factorOf(button), "rating-save");
  });

  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var fieldset = event.detail.elt;
    if (fieldset.classList && fieldset.classList.contains("rating-factor")) {
      fieldset.dataset.request = String(Number(fieldset.dataset.request || 0) + 1);
      setState(fieldset, false, form.dataset.msgSaving);
    }
  });
  document.body.addEventListener("htmx:afterRequest", function (event) {
    var fieldset = event.detail.elt;
    if (!fieldset.classList || !fieldset.classList.contains("rating-factor")) { return; }
    var xhr = event.detail.xhr;
    if (event.detail.successful) { setState(fieldset, false, null); return; }
    // 400: the server's message has been swapped in; anything else: say so here,
    // unless a newer change replaced this request (an abort, not a failure).
    var request = fieldset.dataset.request;
    window.setTimeout(function () {
      if (fieldset.dataset.request !== request) { return; }
      setState(fieldset, true, xhr && xhr.status === 400 ? null : form.dataset.msgFailed);
    }, 0);
  });
}());
