// palermo search page: a button to tick or untick every quote for the evidence pack (the page works without it).
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector(".toggle-all");
  if (!button) return;
  var boxes = function () { return document.querySelectorAll('.hits input[name="pid"]'); };
  button.hidden = false;
  button.addEventListener("click", function () {
    var anyTicked = Array.prototype.some.call(boxes(), function (b) { return b.checked; });
    boxes().forEach(function (b) { b.checked = !anyTicked; });
    button.textContent = anyTicked ? "Tick all" : "Untick all";
  });
});
