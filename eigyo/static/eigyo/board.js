// The deal board: drag a card onto another stage. Won asks for confirmation, lost for
// the reason; the board comes back from the server (the ‹ › buttons do the same without
// a mouse).
let dragged = null;
document.addEventListener("dragstart", (event) => {
  dragged = event.target.closest && event.target.closest(".deal-card[draggable=true]");
  if (dragged) event.dataTransfer.setData("text/plain", dragged.dataset.deal);
});
document.addEventListener("dragover", (event) => {
  if (dragged && event.target.closest(".board .column")) event.preventDefault();
});
document.addEventListener("drop", (event) => {
  const column = event.target.closest(".board .column");
  if (!dragged || !column) return;
  event.preventDefault();
  const board = column.closest(".board");
  const stage = column.dataset.stage;
  const values = { stage };
  if (stage === "won" && !window.confirm(board.dataset.confirmWon)) return;
  if (stage === "lost") {
    const reason = window.prompt(board.dataset.askLost);
    if (!reason) return;
    values.lost_reason = reason;
  }
  htmx.ajax("POST", dragged.dataset.stageUrl, { target: "#board", values });
  dragged = null;
});
