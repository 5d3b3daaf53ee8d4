// A partner's target vs actual revenue by quarter; data from json_script on the page.
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("partner-chart-data");
  const canvas = document.getElementById("partner-chart");
  if (!source || !canvas || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  new Chart(canvas, {
    type: "bar",
    options: { responsive: true, animation: false, plugins: { legend: { display: true } } },
    data: {
      labels: data.labels,
      datasets: [
        { label: canvas.dataset.targetLabel, data: data.target, backgroundColor: "#c4c7cf" },
        { label: canvas.dataset.actualLabel, data: data.actual, backgroundColor: "#0b57d0" },
      ],
    },
  });
});
