// Type-ahead pickers: a tap on a choice fills the hidden field and its visible name,
// then tells htmx (the people at the company load); typing again clears the choice.
document.addEventListener("click", (event) => {
  const choice = event.target.closest("[data-pick]");
  const picker = choice && choice.closest("[data-picker]");
  if (!picker) return;
  const hidden = picker.querySelector("input[type=hidden]");
  picker.querySelector("input[type=search]").value = choice.dataset.label;
  hidden.value = choice.dataset.pick;
  hidden.dispatchEvent(new Event("change", { bubbles: true }));
  picker.querySelector(".picker-menu").innerHTML = "";
});
document.addEventListener("input", (event) => {
  const picker = event.target.closest("[data-picker]");
  if (picker && event.target.type === "search") picker.querySelector("input[type=hidden]").value = "";
});
// A reply that arrives after the choice was made (typed earlier) must not reopen the list.
document.addEventListener("htmx:beforeSwap", (event) => {
  const picker = event.detail.target.closest && event.detail.target.closest("[data-picker]");
  if (picker && picker.querySelector("input[type=hidden]").value) event.detail.shouldSwap = false;
});
