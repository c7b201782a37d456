// Posts the bank's token to its payment page as soon as the page is shown (the page's button
// does the same without script). Sent once: coming back to this page does not post again.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.querySelector("form[data-to-bank]");
  if (form && !sessionStorage.getItem("to-bank:" + form.dataset.toBank)) {
    sessionStorage.setItem("to-bank:" + form.dataset.toBank, "1");
    form.submit();
  }
});
