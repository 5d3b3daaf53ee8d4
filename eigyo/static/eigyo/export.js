// A list's export links carry the filter on screen: htmx updates the address bar as the
// filters change, so the link is completed from it when clicked (the server-rendered
// href already holds the filter the page was opened with, for use without JavaScript).
document.addEventListener("click", (event) => {
  const link = event.target.closest("a[data-export]");
  if (!link) return;
  const params = new URLSearchParams(window.location.search);
  params.delete("page");
  if (link.dataset.encoding) params.set("encoding", link.dataset.encoding);
  const query = params.toString();
  link.href = link.dataset.export + (query ? "?" + query : "");
  link.closest("details")?.removeAttribute("open");
});
