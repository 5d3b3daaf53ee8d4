// Benchmarks charts: data comes from the page's <script id="chart-data"> (json_script).
document.addEventListener("DOMContentLoaded", () => {
  const source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const opts = { responsive: true, animation: false, plugins: { legend: { display: false } } };
  const el = (id) => document.getElementById(id);
  if (el("funnel") && data.funnel) {
    new Chart(el("funnel"), { type: "bar", options: { ...opts, indexAxis: "y" },
      data: { labels: data.funnel.labels, datasets: [{ data: data.funnel.values, backgroundColor: "#b3261e" }] } });
  }
  if (data.rep && el("adherence")) {
    new Chart(el("adherence"), { type: "line", options: { ...opts, scales: { y: { min: 0, max: 100 } } },
      data: { labels: data.rep.weeks, datasets: [{ data: data.rep.adherence, borderColor: "#0b57d0", spanGaps: true }] } });
  }
  if (data.rep && el("per-day")) {
    new Chart(el("per-day"), { type: "bar", options: opts,
      data: { labels: data.rep.days, datasets: [{ data: data.rep.contacts, backgroundColor: "#1d2430" }] } });
  }
  // Cold-call scripts: the three conditional rates per variant, and past-reception by month.
  const colours = ["#b3261e", "#0b57d0", "#1a7f37"];
  if (el("call-rates") && data.variants) {
    new Chart(el("call-rates"), { type: "bar",
      options: { ...opts, plugins: { legend: { display: true } }, scales: { y: { min: 0, max: 100 } } },
      data: { labels: data.rate_labels, datasets: data.variants.map((v, i) => (
        { label: v.variant, data: v.rates, backgroundColor: colours[i % colours.length] })) } });
  }
  if (el("call-months") && data.past_reception) {
    new Chart(el("call-months"), { type: "line",
      options: { ...opts, plugins: { legend: { display: true } }, scales: { y: { min: 0, max: 100 } } },
      data: { labels: data.months, datasets: Object.entries(data.past_reception).map(([v, values], i) => (
        { label: v, data: values, borderColor: colours[i % colours.length], spanGaps: true })) } });
  }
});
