// Legwork: the "Print card" button on session pages opens the browser's print dialog.
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-lw-print]")) {
    window.print();
  }
});
