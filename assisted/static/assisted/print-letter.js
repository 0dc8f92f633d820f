// The receipt page of an assisted report: a button that prints the letter (the print stylesheet shows only it).
// Without JavaScript the button stays hidden and the browser's own Print does the same.
document.querySelectorAll("[data-print-letter]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
