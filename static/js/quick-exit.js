// Quick exit: tell the server to end this visit, then replace this page in the history with a
// neutral site, so the back button does not lead to the plan. Without JavaScript the form
// posts and the server redirects instead.
for (const form of document.querySelectorAll("form[data-quick-exit]")) {
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigator.sendBeacon(form.action);
    window.location.replace(form.dataset.quickExit);
  });
}
