// dyadscope page: plain JS, no dependencies. Data only ever goes into text nodes.
"use strict";

const $ = (selector) => document.querySelector(selector);

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (key === "className") node.className = value;
    else if (key === "onclick") node.addEventListener("click", value);
    else if (key === "title") node.title = value;
    else node.setAttribute(key, value);
  }
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

// The body, and the X-Total-Count of a paged list (null when the answer has none).
async function getPage(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    const detail = typeof body.detail === "string" ? body.detail : response.statusText;
    throw new Error(detail);
  }
  const header = response.headers.get("X-Total-Count");
  return { body, total: header === null ? null : Number(header) };
}

async function getJSON(url) {
  return (await getPage(url)).body;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return search.toString();
}

const safeType = (type) => String(type || "OTHER").replace(/[^A-Za-z0-9_]/g, "");

// ---- tabs and header ----

function showTab(name) {
  for (const button of document.querySelectorAll(".tab")) {
    button.classList.toggle("active", button.dataset.tab === name);
  }
  for (const panel of document.querySelectorAll(".panel")) panel.hidden = panel.id !== name;
  if (name === "entities") loadEntities();
  if (name === "documents") loadDocuments();
}

async function loadStats() {
  try {
    const stats = await getJSON("/api/stats");
    const c = stats.counts;
    $("#stats").textContent =
      `${c.documents} documents · ${c.entities} entities · ${c.events} events · ` +
      `${c.evidence} evidence sentences`;
  } catch (error) {
    $("#stats").textContent = `stats unavailable: ${error.message}`;
  }
}

async function loadActorNames() {
  const list = $("#actor-names");
  const names = new Set();
  for (const type of ["COUNTRY", "PERSON"]) {
    const found = await getJSON(`/api/entities?${query({ type })}`).catch(() => []);
    for (const entity of found) names.add(entity.name);
  }
  clear(list);
  for (const name of [...names].sort()) list.append(el("option", { value: name }));
}

// ---- timeline ----

function whoToWhom(row) {
  const parts = [row.source_name || "?", " → ", row.target_name || "?"];
  if (row.actor_names && row.actor_names.length) {
    parts.push(el("div", { className: "muted" }, row.actor_names.join(", ")));
  }
  return parts;
}

function evidenceLinks(items) {
  return items.map((item) =>
    el("div", {},
      el("a", {
        className: "source-link",
        href: "#",
        onclick: (event) => {
          event.preventDefault();
          event.stopPropagation();
          openDocument(item.document, item);
        },
      }, item.outlet || item.source || item.document),
      ": ", item.text));
}

const PAGE_SIZE = 50;
// What the table lists: every event, or the timeline of one dyad; and which page of it.
// Only the answer to the latest request may fill the table.
const listing = { dyad: null, offset: 0, ticket: 0 };

function eventRow(row, body) {
  const tr = el("tr", { className: "clickable" },
    el("td", {}, row.date || "undated"),
    el("td", {}, row.type),
    el("td", {}, ...whoToWhom(row)),
    el("td", { className: `status-${safeType(row.status)}` }, row.status),
    el("td", {}, ...row.outlets.map((o) => el("span", { className: "pill" }, o))),
    el("td", { className: "evidence" }, ...evidenceLinks(row.evidence)));
  tr.addEventListener("click", () => {
    for (const other of body.querySelectorAll("tr.selected")) other.classList.remove("selected");
    tr.classList.add("selected");
    if (row.evidence.length) openDocument(row.evidence[0].document, row.evidence[0]);
  });
  return tr;
}

function listingUrl() {
  const page = { limit: String(PAGE_SIZE), offset: String(listing.offset) };
  if (!listing.dyad) return `/api/events?${query(page)}`;
  return `/api/timeline?${query({ ...listing.dyad, ...page })}`;
}

function describe(shown, total) {
  const what = listing.dyad ? `events between ${listing.dyad.a} and ${listing.dyad.b}` : "events";
  if (!shown) return `no ${what}`;
  const range = shown < total ? ` (${listing.offset + 1}–${listing.offset + shown} shown)` : "";
  const hint = listing.dyad ? "" : "; choose two actors for their timeline";
  return `${total} ${what}${range}${hint}`;
}

function showPager(shown, total) {
  $("#pager").hidden = total <= PAGE_SIZE;
  $("#page-prev").disabled = listing.offset === 0;
  $("#page-next").disabled = listing.offset + shown >= total;
}

async function loadListing() {
  const status = $("#timeline-status");
  const table = $("#timeline-table");
  const body = table.querySelector("tbody");
  status.className = "muted";
  status.textContent = "loading…";
  const ticket = ++listing.ticket;
  try {
    const { body: result, total } = await getPage(listingUrl());
    if (ticket !== listing.ticket) return;
    const rows = listing.dyad ? result.events : result;
    const count = total ?? rows.length;
    clear(body);
    for (const row of rows) body.append(eventRow(row, body));
    table.hidden = rows.length === 0;
    status.textContent = describe(rows.length, count);
    showPager(rows.length, count);
  } catch (error) {
    if (ticket !== listing.ticket) return;
    table.hidden = true;
    $("#pager").hidden = true;
    status.className = "error";
    status.textContent = error.message;
  }
}

function showTimeline(event) {
  event.preventDefault();
  const form = new FormData(event.target);
  listing.dyad = {
    a: form.get("a"), b: form.get("b"), undated: form.get("undated") ? "true" : "",
  };
  listing.offset = 0;
  return loadListing();
}

function showAllEvents() {
  $("#dyad-form").reset();
  listing.dyad = null;
  listing.offset = 0;
  return loadListing();
}

function turnPage(step) {
  listing.offset = Math.max(0, listing.offset + step * PAGE_SIZE);
  return loadListing();
}

// ---- document reader ----

function segments(length, spans) {
  const cuts = new Set([0, length]);
  for (const span of spans) {
    cuts.add(Math.max(0, Math.min(length, span.start)));
    cuts.add(Math.max(0, Math.min(length, span.end)));
  }
  const sorted = [...cuts].sort((x, y) => x - y);
  return sorted.slice(0, -1).map((start, i) => [start, sorted[i + 1]]);
}

const covers = (span, start, end) => span.start <= start && end <= span.end;

function renderText(doc, focus) {
  // Offsets count code points (Python), so slice an array of code points, not UTF-16 units.
  const chars = Array.from(doc.text);
  const body = doc.body_spans.map(([start, end]) => ({ start, end }));
  const spans = [...body, ...doc.mentions, ...doc.evidence];
  const isFocus = (ev) => focus && ev.start === focus.start && ev.end === focus.end;
  const container = $("#reader-text");
  clear(container);
  let first = null;
  for (const [start, end] of segments(chars.length, spans)) {
    const text = chars.slice(start, end).join("");
    const classes = [];
    const props = {};
    if (body.length && !body.some((s) => covers(s, start, end))) classes.push("boiler");
    const evidence = doc.evidence.filter((ev) => covers(ev, start, end));
    if (evidence.some(isFocus)) classes.push("evidence");
    else if (evidence.length) classes.push("evidence-other");
    if (evidence.length) props.title = evidence.map((ev) => `${ev.type} (${ev.status})`).join("; ");
    const mention = doc.mentions.find((m) => covers(m, start, end));
    if (mention) {
      classes.push("mention", `type-${safeType(mention.type)}`);
      props.title = `${mention.name} · ${mention.type}`;
    }
    if (!classes.length) {
      container.append(document.createTextNode(text));
      continue;
    }
    const node = el("span", { ...props, className: classes.join(" ") }, text);
    if (!first && classes.includes("evidence")) first = node;
    container.append(node);
  }
  if (first) first.scrollIntoView({ block: "center" });
}

function renderLegend(doc) {
  const legend = $("#reader-legend");
  clear(legend);
  const types = [...new Set(doc.mentions.map((m) => m.type))].sort();
  for (const type of types) {
    legend.append(el("span", { className: `mention type-${safeType(type)}` }, type));
  }
}

let readerTicket = 0;

async function openDocument(id, focus) {
  const reader = $("#reader");
  const ticket = ++readerTicket;
  reader.hidden = false;
  delete reader.dataset.document;
  $("#reader-title").textContent = "loading…";
  try {
    const doc = await getJSON(`/api/documents/${encodeURIComponent(id)}`);
    if (ticket !== readerTicket) return;
    $("#reader-title").textContent = doc.title || doc.source;
    const when = doc.published ? `${doc.published} (${doc.published_precision})` : "undated";
    $("#reader-meta").textContent = [doc.outlet, when, doc.source].filter(Boolean).join(" · ");
    renderLegend(doc);
    renderText(doc, focus);
    reader.dataset.document = doc.id;
  } catch (error) {
    if (ticket !== readerTicket) return;
    $("#reader-title").textContent = error.message;
    clear($("#reader-text"));
  }
}

// ---- entities ----

function rolePills(roles) {
  return roles.map((role) => el("span", { className: "pill" },
    [role.title, role.country, role.reported].filter(Boolean).join(" · ")));
}

async function showEntity(id) {
  const detail = $("#entity-detail");
  clear(detail);
  try {
    const entity = await getJSON(`/api/entities/${encodeURIComponent(id)}`);
    detail.append(el("h3", {}, `${entity.name} — ${entity.events.length} events`));
    const list = el("ul");
    for (const ev of entity.events) {
      list.append(el("li", {},
        `${ev.date || "undated"} ${ev.type} ${ev.source_name || "?"} → ${ev.target_name || "?"} `,
        ...evidenceLinks(ev.evidence)));
    }
    detail.append(list);
  } catch (error) {
    detail.append(el("p", { className: "error" }, error.message));
  }
}

async function loadEntities(event) {
  if (event) event.preventDefault();
  const form = new FormData($("#entity-form"));
  const body = $("#entity-table tbody");
  try {
    const found = await getJSON(`/api/entities?${query({ type: form.get("type"), q: form.get("q") })}`);
    clear(body);
    for (const entity of found) {
      body.append(el("tr", { className: "clickable", onclick: () => showEntity(entity.id) },
        el("td", {}, entity.name),
        el("td", {}, entity.type),
        el("td", {}, entity.country || ""),
        el("td", {}, ...rolePills(entity.roles)),
        el("td", {}, entity.aliases.join(", "))));
    }
  } catch (error) {
    clear(body);
    body.append(el("tr", {}, el("td", { className: "error", colspan: "5" }, error.message)));
  }
}

// ---- documents ----

async function loadDocuments() {
  const body = $("#document-table tbody");
  const found = await getJSON("/api/documents").catch(() => []);
  clear(body);
  for (const doc of found) {
    body.append(el("tr", { className: "clickable", onclick: () => openDocument(doc.id, null) },
      el("td", {}, doc.published || ""),
      el("td", {}, doc.title || ""),
      el("td", {}, doc.outlet || ""),
      el("td", {}, doc.source)));
  }
}

// ---- wiring ----

document.addEventListener("DOMContentLoaded", () => {
  for (const button of document.querySelectorAll(".tab")) {
    button.addEventListener("click", () => showTab(button.dataset.tab));
  }
  $("#dyad-form").addEventListener("submit", showTimeline);
  $("#show-all").addEventListener("click", showAllEvents);
  $("#page-prev").addEventListener("click", () => turnPage(-1));
  $("#page-next").addEventListener("click", () => turnPage(1));
  $("#entity-form").addEventListener("submit", loadEntities);
  $("#reader-close").addEventListener("click", () => { $("#reader").hidden = true; });
  loadStats();
  loadActorNames();
  loadListing();
});
