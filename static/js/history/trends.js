// The trends page: draws each chart from the numbers the server put in #trends-data (its data-trends attribute), with the vendored
// Chart.js (its UMD build, loaded just before this module, sets window.Chart). Every chart has the same
// numbers in a table beside it, so a chart that can't be drawn hides and loses nothing.

const Chart = window.Chart;
const { partner: fullName, trends } = JSON.parse(document.getElementById("trends-data").dataset.trends);
// A legend drawn on a canvas cannot wrap: a long name (up to 60 characters) is shortened there; the
// tables behind each chart keep it whole.
const SHORT = 18;
const partner = [...fullName].length > SHORT ? `${[...fullName].slice(0, SHORT - 1).join("")}…` : fullName;
const style = getComputedStyle(document.documentElement);
const colour = (name) => style.getPropertyValue(name).trim();
const still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;

const YOU = colour("--trend-you");
const PARTNER = colour("--trend-partner");
const TOGETHER = colour("--trend-together");
const LATER = colour("--trend-later");

function labels(series) {
  return series.weeks.map((week) => week.short);
}

function titles(series) {
  return series.weeks.map((week) => week.long);
}

// A solid line with filled dots, or (`arriving`) a dotted one with open dots, so the two differ in the
// legend too and never by colour alone.
function line(label, data, hue, arriving = false) {
  return {
    label, data, borderColor: hue, backgroundColor: arriving ? colour("--card") : hue,
    borderWidth: arriving ? 2 : 3, borderDash: arriving ? [5, 4] : [], pointBorderWidth: 2,
    pointRadius: 3.5, pointHoverRadius: 5, cubicInterpolationMode: "monotone", spanGaps: true,
  };
}

function options(series, y, tooltip) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: still ? false : { duration: 400 },
    interaction: { mode: "index", intersect: false },
    scales: {
      x: { grid: { display: false }, ticks: { autoSkip: true, maxRotation: 0, autoSkipPadding: 8 } },
      y: { grid: { color: colour("--line") }, border: { display: false }, ...y },
    },
    plugins: {
      legend: { position: "bottom", labels: { usePointStyle: true, boxWidth: 8, boxHeight: 8, padding: 14 } },
      tooltip: { callbacks: { title: (items) => titles(series)[items[0].dataIndex], ...tooltip } },
    },
  };
}

const RATING = { min: 1, max: 10, ticks: { stepSize: 3 } };
const PERCENT = { min: 0, max: 100, ticks: { stepSize: 25, callback: (value) => `${value}%` } };
const asPercent = { label: (item) => `${item.dataset.label}: ${item.parsed.y}%` };

const CHARTS = {
  feeling: () => ({
    type: "line",
    data: { labels: labels(trends.ratings), datasets: [
      line("You", trends.ratings.you.feeling, YOU), line(partner, trends.ratings.partner.feeling, PARTNER)] },
    options: options(trends.ratings, RATING),
  }),
  connection: () => ({
    type: "line",
    data: { labels: labels(trends.ratings), datasets: [
      line("You, arriving", trends.ratings.you.arriving, YOU, true),
      line("You, closing", trends.ratings.you.closing, YOU),
      line(`${partner}, arriving`, trends.ratings.partner.arriving, PARTNER, true),
      line(`${partner}, closing`, trends.ratings.partner.closing, PARTNER)] },
    options: options(trends.ratings, RATING),
  }),
  coaching: () => ({
    type: "line",
    data: { labels: labels(trends.coaching), datasets: [
      { ...line("Offered another way", trends.coaching.percent, YOU), fill: "origin",
        backgroundColor: colour("--trend-you-soft"), pointBackgroundColor: YOU }] },
    options: (() => {
      const chosen = options(trends.coaching, PERCENT, asPercent);
      chosen.plugins.legend.display = false;
      return chosen;
    })(),
  }),
  paraphrases: () => ({
    type: "bar",
    data: { labels: labels(trends.paraphrases), datasets: [
      { label: "Heard the first time", data: trends.paraphrases.percent, backgroundColor: TOGETHER,
        borderRadius: 4, maxBarThickness: 28, minBarLength: 3 }] },
    options: (() => {
      const chosen = options(trends.paraphrases, PERCENT, asPercent);
      chosen.plugins.legend.display = false;
      return chosen;
    })(),
  }),
  reviews: () => ({
    type: "bar",
    data: { labels: labels(trends.reviews), datasets: [
      { label: "On time", data: trends.reviews.on_time, backgroundColor: PARTNER, borderRadius: 4,
        maxBarThickness: 28, borderColor: colour("--card"), borderWidth: 1 },
      { label: "A little later", data: trends.reviews.late, backgroundColor: LATER, borderRadius: 4,
        maxBarThickness: 28, borderColor: colour("--card"), borderWidth: 1 }] },
    options: (() => {
      const chosen = options(trends.reviews, { beginAtZero: true, stacked: true, ticks: { precision: 0 } });
      chosen.scales.x.stacked = true;
      return chosen;
    })(),
  }),
};

function draw() {
  if (!Chart) {
    return; // the tables still hold every number
  }
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.font.size = window.matchMedia("(min-width: 700px)").matches ? 14 : 13;
  Chart.defaults.color = colour("--muted");
  for (const box of document.querySelectorAll(".trend-chart[data-chart]")) {
    const build = CHARTS[box.dataset.chart];
    if (!build) {
      continue;
    }
    box.hidden = false;
    new Chart(box.querySelector("canvas"), build());
  }
}

draw();
