/* The questionnaire, improved where scripts run (it works without this file:
   then each question is answered by typing its score, and "Save" posts the page).
   - shows each question's slider beside its score field (score.js): a slider
     starts unset and counts as an answer once it is set, the middle included;
   - "No opinion" switches the question's score off;
   - saves as the respondent goes (a short while after each change);
   - sends the page only once when "Send my answers" is pressed twice. */
(function () {
  "use strict";
  var form = document.getElementById("respond-form");
  if (!form || !window.kloofScore) { return; }
  var status = document.getElementById("respond-status");
  var progress = document.getElementById("respond-progress");
  var timer = null;
  var sending = false;

  function question(element) { return element.closest(".respond-question"); }
  function parts(fieldset) {
    return {
      range: fieldset.querySelector(".respond-range"),
      number: fieldset.querySelector(".respond-number"),
      noop: fieldset.querySelector(".respond-noop input"),
      state: fieldset.querySelector(".respond-state")
    };
  }
  function answered(fieldset) {
    var p = parts(fieldset);
    return p.noop.checked || p.number.value.trim() !== "";
  }

  function showState(fieldset) {
    var p = parts(fieldset);
    var done = answered(fieldset);
    p.state.textContent = p.noop.checked ? form.dataset.msgNoOpinion :
      (done ? form.dataset.msgAnswered : form.dataset.msgUnanswered);
    p.state.classList.toggle("is-answered", done);
  }

  function showProgress() {
    if (!progress) { return; }
    var all = form.querySelectorAll(".respond-question");
    var count = 0;
    all.forEach(function (fieldset) { if (answered(fieldset)) { count += 1; } });
    var template = all.length === 1 ? form.dataset.msgProgressOne : form.dataset.msgProgress;
    progress.textContent = template.replace("{answered}", count).replace("{total}", all.length);
  }

  function applyNoOpinion(fieldset) {
    var p = parts(fieldset);
    p.range.disabled = p.noop.checked;
    p.number.disabled = p.noop.checked;
    showState(fieldset);
  }

  form.querySelectorAll(".respond-question").forEach(function (fieldset) {
    var p = parts(fieldset);
    var slider = fieldset.querySelector(".respond-slider");
    if (slider) { slider.hidden = false; }
    window.kloofScore.bind(p.range, p.number, form.dataset.msgUnanswered, function () {
      showState(fieldset);
      showProgress();
    });
    applyNoOpinion(fieldset);
  });

  function say(text, failed) {
    status.textContent = text;
    status.classList.toggle("is-failed", failed);
  }

  function autosave() {
    var data = new FormData(form);
    data.set("action", "save");
    say(form.dataset.msgSaving, false);
    // Not form.action: the buttons named "action" shadow that property.
    fetch(form.getAttribute("action"), {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Kloof-Autosave": "1" }
    }).then(function (response) {
      if (response.status === 204) { say(form.dataset.msgSaved, false); return null; }
      return response.json().then(function (body) { say(body.message, true); });
    }).catch(function () { say(form.dataset.msgFailed, true); });
  }

  form.addEventListener("change", function (event) {
    var fieldset = question(event.target);
    if (fieldset && event.target === parts(fieldset).noop) {
      applyNoOpinion(fieldset);
      showProgress();
    }
    if (sending) { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(autosave, 800);
  });

  form.addEventListener("submit", function (event) {
    if (sending) { event.preventDefault(); return; }
    var submitter = event.submitter;
    if (submitter && submitter.value === "submit") {
      sending = true;
      window.clearTimeout(timer);
      // Should the page not come (a lost connection), let them press again.
      window.setTimeout(function () { sending = false; }, 10000);
    }
  });
}());
