/* A score: the text field that holds it (typed with a decimal point or a
   comma: "3,5" is 3.5) and, where scripts run, a slider beside it.

   The slider starts unset while the field is empty: no thumb, and screen
   readers hear the "not set" text instead of a number. So the middle of the
   scale is a choice like any other: a click or tap on the slider (also right
   in the middle), dragging it, Home, End, the arrow keys, or Space or Enter
   on the unset slider set it, and the field follows. Used by the rate page
   (rating.js) and the questionnaire (respond.js). */
(function () {
  "use strict";
  var NUMBER = /^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/;
  var shown = new Intl.NumberFormat(document.documentElement.lang || undefined,
    { maximumFractionDigits: 2, useGrouping: false });

  function parse(text) {
    var trimmed = String(text).trim();
    return NUMBER.test(trimmed) ? Number(trimmed.replace(",", ".")) : null;
  }

  function format(number) { return shown.format(Number(number)); }

  /* Keep ``range`` and ``field`` in step; ``changed()`` is called after every
     change the person makes through either. */
  function bind(range, field, unsetText, changed) {
    function setUnset(unset) {
      range.classList.toggle("is-unset", unset);
      if (unset) { range.setAttribute("aria-valuetext", unsetText); } else { range.removeAttribute("aria-valuetext"); }
    }
    function fromField() {
      var number = parse(field.value);
      if (field.value.trim() === "") { setUnset(true); return; }
      if (number !== null && number >= Number(range.min) && number <= Number(range.max)) {
        range.value = String(number);
        setUnset(false);
      }
    }
    function take() {
      field.value = format(range.value);
      setUnset(false);
    }
    // Set where it stands (the middle), as a change the page saves like any other.
    function setHere() {
      take();
      range.dispatchEvent(new Event("change", { bubbles: true }));
      changed();
    }
    range.addEventListener("input", function () { take(); changed(); });
    // A tap sends no click on a slider, a mouse click does; either sets it.
    function pressed() {
      if (range.classList.contains("is-unset") && !range.disabled) { setHere(); }
    }
    range.addEventListener("pointerup", pressed);
    range.addEventListener("click", pressed);
    range.addEventListener("keydown", function (event) {
      if (range.classList.contains("is-unset") && (event.key === " " || event.key === "Enter")) {
        event.preventDefault();
        setHere();
      }
    });
    field.addEventListener("input", function () { fromField(); changed(); });
    fromField();
    return { isSet: function () { return parse(field.value) !== null; } };
  }

  window.kloofScore = { parse: parse, format: format, bind: bind };
}());
