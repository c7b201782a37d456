// A "print" button on a document page (e.g. a payment receipt): opens the browser's print
// dialog, from which the page can also be saved as PDF. Without JavaScript the button stays
// hidden and the browser's own Print command does the same.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
