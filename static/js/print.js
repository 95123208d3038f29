// The result page's Print button (templates/assessments/includes/print_button.html): hidden
// until this runs, so without JavaScript the page shows a hint to use the browser's Print.
document.querySelectorAll("[data-print-button]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
document.querySelectorAll("[data-print-hint]").forEach(function (hint) {
  hint.hidden = true;
});
