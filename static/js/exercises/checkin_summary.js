// The week's summary both partners see at the close, with a small chart of connection over recent weeks.
// Plain inline SVG, drawn from the numbers the server sends; every word goes in with textContent.
import { day } from "../dates.js";

const SVG = "http://www.w3.org/2000/svg";
const ANSWERS = { yes: "Yes", yes_with_change: "Yes, with a change", not_this_week: "Not this week" };

/** Render `summary` into `container`; `people` is [[id, name], [id, name]] with the viewer first. Each person's
 *  own numbers are shown as they gave them, never a change or a difference to set against the other's. */
export function renderCheckinSummary(container, summary, people) {
  const nameOf = Object.fromEntries(people);
  const title = el("h2", summary.finished_together ? "Your week together" : "What you shared");
  container.replaceChildren(title);
  const rows = people.map(([id, name]) => [id, name, summary.partners[id]]);

  const connection = rows.filter(([, , p]) => p.connection_before !== null);
  if (connection.length) {
    const list = el("ul", "", "connection-change");
    list.dataset.testid = "summary-connection";
    connection.forEach(([, name, p]) => list.append(el("li", p.connection_after === null
      ? `${name}: ${p.connection_before}/10 on arriving`
      : `${name}: ${p.connection_before}/10 on arriving, ${p.connection_after}/10 at the close`)));
    container.append(el("h3", "Connection"), list);
  }
  const chart = weeksChart(summary, people);
  if (chart) container.append(chart);

  section(container, "Appreciations", rows.flatMap(([, name, p]) => p.appreciations.map((t) => `${name}: ${t}`)));
  section(container, "What went well", rows.filter(([, , p]) => p.win).map(([, name, p]) => `${name}: ${p.win}`));
  section(container, "What was hard", rows.filter(([, , p]) => p.issue).map(([, name, p]) => {
    const issue = p.issue;
    const how = issue.status === "parked" ? " (for later)" : issue.status === "talked" ? " (talked through together)" : "";
    return `${name}: ${issue.text}${how}`;
  }));
  if (summary.for_later.length) section(container, "For later", summary.for_later);
  section(container, "Requests for the week", rows.filter(([, , p]) => p.request).map(([id, name, p]) => {
    const other = people.find(([pid]) => pid !== id)[1];
    const answer = p.request.answer ? `${other}: ${ANSWERS[p.request.answer]}${p.request.why ? `, ${p.request.why}` : ""}`
      : `${other} hasn't answered yet`;
    return `${name}: ${p.request.text} — ${answer}`;
  }));
  if (summary.agreements.length) {
    const list = el("ul", "", "items");
    summary.agreements.forEach((a) => {
      const link = el("a", a.title);
      link.href = a.url;
      const li = el("li");
      li.append(link);
      list.append(li);
    });
    container.append(el("h3", "Agreements looked at"), list);
  }
  if (container.lastChild === title) { // ended before anything was shared: the heading still has words under it
    title.textContent = "This check-in";
    container.append(el("p", "Nothing was shared this time, and that's all right. You can begin again whenever "
      + "you're both ready.", "muted"));
  }
  return nameOf;
}

function section(container, title, lines) {
  if (!lines.length) return;
  const list = el("ul", "", "items");
  list.dataset.testid = `summary-${title.toLowerCase().replaceAll(" ", "-")}`;
  lines.forEach((line) => list.append(el("li", line)));
  container.append(el("h3", title), list);
}

/** Connection over recent weeks (each week's closing number, or its arriving one), with this week last. */
function weeksChart(summary, people) {
  const weeks = summary.history.map((w) => ({ label: day(w.date), values: w.connection }));
  weeks.push({ label: "This week", values: Object.fromEntries(Object.entries(summary.partners)
    .map(([id, p]) => [id, [p.connection_before, p.connection_after]])) });
  const points = (id) => weeks.map((w, i) => {
    const pair = w.values[id] || [null, null];
    const value = pair[1] ?? pair[0];
    return value === null || value === undefined ? null : [i, value];
  }).filter(Boolean);
  if (weeks.length < 2 || people.every(([id]) => points(id).length < 2)) return null;

  const width = 320, height = 150, left = 24, right = 12, top = 12, bottom = 28;
  const x = (i) => left + (i * (width - left - right)) / (weeks.length - 1);
  const y = (v) => top + ((10 - v) * (height - top - bottom)) / 9;
  const svg = node("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", class: "weeks-chart" });
  svg.dataset.testid = "weeks-chart";
  svg.append(node("title", {}, "How connected you've felt over recent weeks, from 1 to 10"));
  [1, 5, 10].forEach((v) => {
    svg.append(node("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), class: "grid" }));
    svg.append(node("text", { x: 4, y: y(v) + 4, class: "axis" }, String(v)));
  });
  weeks.forEach((w, i) => {
    if (i === 0 || i === weeks.length - 1 || weeks.length <= 5) {
      const anchor = i === 0 ? "start" : i === weeks.length - 1 ? "end" : "middle";
      svg.append(node("text", { x: x(i), y: height - 8, class: "axis", "text-anchor": anchor }, w.label));
    }
  });
  people.forEach(([id], n) => {
    const line = points(id);
    if (!line.length) return;
    svg.append(node("polyline", { points: line.map(([i, v]) => `${x(i)},${y(v)}`).join(" "), class: `series s${n}` }));
    line.forEach(([i, v]) => svg.append(node("circle", { cx: x(i), cy: y(v), r: 3.5, class: `dot s${n}` })));
  });
  const figure = el("figure", "", "weeks");
  const legend = el("figcaption", "", "legend");
  people.forEach(([, name], n) => {
    const key = el("span", name, `key s${n}`);
    legend.append(key, " ");
  });
  figure.append(svg, legend);
  return figure;
}

function node(tag, attributes = {}, text = "") {
  const element = document.createElementNS(SVG, tag);
  Object.entries(attributes).forEach(([name, value]) => element.setAttribute(name, String(value)));
  if (text) element.textContent = text;
  return element;
}

function el(tag, text = "", className = "") {
  const element = document.createElement(tag);
  if (text) element.textContent = text;
  if (className) element.className = className;
  return element;
}
