/* The rate page: each factor's slider beside its score field (score.js; a
   factor not rated yet starts with the slider unset), "no opinion" turning the
   score off, and the saved / not saved state of each factor. The page works
   without this file: the score is typed and the form posts as a whole. Each
   factor saves through htmx (the fieldset's hx-post on change); the server
   answers the factor's status line. Every factor the person touches is listed
   in the form (``touched``), so that "Save all changes" saves each of them. */
(function () {
  "use strict";
  var form = document.querySelector(".rating-form");
  if (!form || !window.kloofScore) { return; }

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
  function parts(fieldset) {
    return {
      range: fieldset.querySelector(".rating-range"),
      number: fieldset.querySelector(".rating-number"),
      noOpinion: fieldset.querySelector(".rating-no-opinion input"),
      set: fieldset.querySelector(".rating-set")
    };
  }

  function showSet(fieldset) {
    var p = parts(fieldset);
    var unset = p.number.value.trim() === "" && !(p.noOpinion && p.noOpinion.checked);
    p.set.textContent = "";
    if (unset) {
      var badge = document.createElement("span");
      badge.className = "score-unset";
      badge.textContent = form.dataset.msgUnset;
      p.set.appendChild(badge);
    }
  }

  function applyNoOpinion(fieldset) {
    var p = parts(fieldset);
    if (!p.noOpinion || p.noOpinion.disabled) { return; }
    p.range.disabled = p.noOpinion.checked;
    p.number.disabled = p.noOpinion.checked;
    showSet(fieldset);
  }

  function markTouched(fieldset) {
    if (fieldset.querySelector("input[name=touched]")) { return; }
    var marker = document.createElement("input");
    marker.type = "hidden";
    marker.name = "touched";
    marker.value = fieldset.dataset.factor;
    fieldset.appendChild(marker);
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

  form.querySelectorAll(".rating-factor").forEach(function (fieldset) {
    var p = parts(fieldset);
    p.range.hidden = false;
    window.kloofScore.bind(p.range, p.number, form.dataset.msgUnset, function () {
      showSet(fieldset);
    });
    applyNoOpinion(fieldset);
  });

  form.addEventListener("input", function (event) {
    var fieldset = factorOf(event.target);
    if (fieldset) { markTouched(fieldset); }
  });
  form.addEventListener("change", function (event) {
    var fieldset = factorOf(event.target);
    if (!fieldset) { return; }
    markTouched(fieldset);
    if (event.target.closest(".rating-no-opinion")) { applyNoOpinion(fieldset); }
  });
  // The Save button of a factor saves that factor only (without script it posts the page).
  form.addEventListener("click", function (event) {
    var button = event.target.closest(".factor-save");
    if (!button || !window.htmx) { return; }
    event.preventDefault();
    markTouched(factorOf(button));
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
