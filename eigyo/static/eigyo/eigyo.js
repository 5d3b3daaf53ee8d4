// Every page: the header search — "/" anywhere but in a field focuses it, Escape closes the results.
document.addEventListener("keydown", (event) => {
  const box = document.getElementById("global-search");
  if (!box) return;
  const typing = event.target.closest("input, textarea, select, [contenteditable]");
  if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
    event.preventDefault();
    box.focus();
    box.select();
  } else if (event.key === "Escape" && event.target === box) {
    document.getElementById("global-search-results").innerHTML = "";
    box.blur();
  }
});

// A list's "all" box ticks every row of its table (bulk actions).
document.addEventListener("change", (event) => {
  if (!event.target.matches("[data-check-all]")) return;
  for (const box of event.target.closest("table").querySelectorAll("input[name=ids]")) {
    box.checked = event.target.checked;
  }
});

// Behaviour by data attributes instead of inline handlers (the Content-Security-Policy
// allows no inline script): a select or box that submits its form when changed, a form
// that asks before it submits, a saved view that takes the list's current filters.
document.addEventListener("change", (event) => {
  const field = event.target.closest("[data-autosubmit]");
  if (field && field.form) field.form.requestSubmit();
});

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.dataset.confirm && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    return;
  }
  if (form.hasAttribute("data-save-query") && form.elements.query) {
    form.elements.query.value = window.location.search.slice(1);
  }
});
