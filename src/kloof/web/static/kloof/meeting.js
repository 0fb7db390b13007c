// The meeting view's keys: → or n next, ← or p previous, Home first, End last,
// 1-9 the item of that number. The links stay the way without JavaScript.
(function () {
  "use strict";
  function follow(selector) {
    var link = document.querySelector(selector);
    if (link) { window.location.href = link.href; return true; }
    return false;
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    var target = event.target;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT|BUTTON|SUMMARY)$/.test(target.tagName))) { return; }
    var done = false;
    switch (event.key) {
      case "ArrowRight": case "n": case "PageDown": done = follow('a[data-key="next"]'); break;
      case "ArrowLeft": case "p": case "PageUp": done = follow('a[data-key="previous"]'); break;
      case "Home": done = follow('a[data-key="first"]'); break;
      case "End": done = follow('a[data-key="last"]'); break;
      default:
        if (/^[1-9]$/.test(event.key)) { done = follow('.meeting-jump a[data-number="' + event.key + '"]'); }
    }
    if (done) { event.preventDefault(); }
  });
}());
