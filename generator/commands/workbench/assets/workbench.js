// The curation workbench: select words of a source, fill a form, save a checked record.
// Every piece of content is put on the page with textContent, never as markup.
"use strict";

const TOKEN = document.querySelector('meta[name="preview-token"]').content;
const POSITIONS = ["supports", "conditional", "proposes", "undecided", "opposes"];
const REPORTERS = ["actor", "spokesperson", "official", "anonymous_sources", "other_actor", "outlet"];
const ACTOR_KINDS = ["person", "state", "organisation", "coalition", "group"];
const EVENT_KINDS = ["meeting", "call", "statement", "interview", "military", "other"];
const STATUSES = ["happened", "planned", "expected"];
const FIGURE_KINDS = ["count", "share", "amount"];
const FILES = { stance: "stances.yaml", event: "events.yaml", figure: "figures.yaml", actor: "actors.yaml", topic: "topics.yaml" };
const MARKS = { cited: "cited already", draft: "drafted quote: click to make a stance", "draft-dates": "drafted date", "draft-figures": "drafted figure", "draft-actor": "drafted actor" };
const TITLES = { stance: "New stance", event: "New event", figure: "New figure", actor: "New actor", topic: "New question", evidence: "Evidence for a record" };

let state = null;
let selection = null; // {source, paragraph, quote, draft}
let current = null; // {kind, resume}

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === "text") node.textContent = value;
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

async function call(path, body) {
  const init = { headers: { "X-Preview-Token": TOKEN } };
  if (body !== undefined) {
    init.method = "POST";
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  return { status: response.status, body: await response.json() };
}

async function load() {
  const { body } = await call("state");
  state = body;
  render();
}

// ---------------------------------------------------------------- sources

function render() {
  const root = $("sources");
  root.replaceChildren();
  if (state.problems.length && !state.sources) {
    root.append(el("h2", { text: "The content cannot be read" }), problemList(state.problems));
    return;
  }
  for (const source of state.sources) root.append(renderSource(source));
}

function renderSource(source) {
  const quotes = state.drafts.quotes.filter((q) => q.source === source.id);
  const used = quotes.filter((q) => source.cited.some((c) => c.paragraph === q.paragraph && sameWords(c.quote, q.quote))).length;
  const citedParas = new Set(source.cited.map((c) => c.paragraph));
  const section = el("section", { class: "source", "data-source": source.id });
  section.append(el("h2", { text: `${source.title || source.id}` }));
  const drafted = quotes.length ? `${used} of ${quotes.length} drafted quotes used, ` : "";
  section.append(el("p", { class: "progress", text: `${source.outlet || ""} · ${source.language} · ${drafted}${citedParas.size} of ${source.paragraphs.length} paragraphs cited` }));
  const list = el("ol", { class: "paras" });
  source.paragraphs.forEach((text, i) => list.append(renderParagraph(source, i + 1, text, quotes, citedParas)));
  section.append(list);
  return section;
}

function renderParagraph(source, n, text, quotes, citedParas) {
  const kind = (source.captions || []).includes(n) ? "caption" : (source.headings || []).includes(n) ? "heading" : "";
  const item = el("li", { class: `para ${kind} ${citedParas.has(n) ? "is-cited" : ""}`, id: `p-${source.id}-${n}`, "data-n": String(n) });
  const number = el("span", { class: "n", text: `¶ ${n}` });
  if (kind) number.append(el("span", { class: "tag", text: kind }));
  if (citedParas.has(n)) number.append(el("span", { class: "tag", text: "cited" }));
  const body = el("span", { class: "text", "data-source": source.id, "data-paragraph": String(n) });
  const ranges = [];
  for (const c of source.cited.filter((c) => c.paragraph === n)) addRange(ranges, text, c.quote, "cited", null);
  quotes.forEach((q) => { if (q.paragraph === n) addRange(ranges, text, q.quote, "draft", state.drafts.quotes.indexOf(q)); });
  for (const kind of ["dates", "figures"]) {
    for (const d of state.drafts[kind]) if (d.source === source.id && d.paragraph === n) addRange(ranges, text, d.text, `draft-${kind}`, null);
  }
  for (const a of state.drafts.actors) {
    if (!(a.paragraphs || []).includes(n)) continue;
    for (const alias of a.aliases || []) addRange(ranges, text, alias, "draft-actor", null);
  }
  for (const part of segments(text, ranges)) body.append(part);
  item.append(number, body);
  return item;
}

function addRange(ranges, text, quote, cls, draft) {
  const at = quote ? text.indexOf(quote) : -1;
  if (at >= 0) ranges.push({ start: at, end: at + quote.length, cls, draft });
}

function segments(text, ranges) {
  const cuts = new Set([0, text.length]);
  for (const r of ranges) { cuts.add(r.start); cuts.add(r.end); }
  const points = [...cuts].sort((a, b) => a - b);
  const parts = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const over = ranges.filter((r) => r.start <= a && r.end >= b);
    if (!over.length) { parts.push(document.createTextNode(text.slice(a, b))); continue; }
    const classes = [...new Set(over.map((r) => r.cls))];
    const mark = el("mark", { class: classes.join(" "), text: text.slice(a, b), title: classes.map((c) => MARKS[c]).join("; ") });
    const draft = over.find((r) => r.draft !== null);
    if (draft) mark.dataset.draft = String(draft.draft);
    parts.push(mark);
  }
  return parts;
}

function sameWords(a, b) {
  const norm = (s) => String(s || "").replace(/\s+/g, " ").trim();
  return norm(a).includes(norm(b)) || norm(b).includes(norm(a));
}

// ---------------------------------------------------------------- selection

const WORD = /[\p{L}\p{N}'’\-]/u;

function offsetIn(container, node, offset) {
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  let total = 0;
  while (walker.nextNode()) {
    if (walker.currentNode === node) return total + offset;
    total += walker.currentNode.textContent.length;
  }
  return node === container ? (offset === 0 ? 0 : container.textContent.length) : total;
}

function snap(text, start, end) {
  while (start > 0 && WORD.test(text[start - 1]) && WORD.test(text[start])) start--;
  while (end < text.length && WORD.test(text[end]) && WORD.test(text[end - 1])) end++;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return [start, end];
}

function onSelect() {
  const sel = window.getSelection();
  if (!sel || sel.isCollapsed || !sel.rangeCount) return;
  const range = sel.getRangeAt(0);
  const box = (node) => (node.nodeType === 1 ? node : node.parentElement).closest(".text");
  const container = box(range.startContainer);
  if (!container || container !== box(range.endContainer)) return;
  const text = container.textContent;
  const [start, end] = snap(text, offsetIn(container, range.startContainer, range.startOffset), offsetIn(container, range.endContainer, range.endOffset));
  if (start >= end) return;
  choose({ source: container.dataset.source, paragraph: Number(container.dataset.paragraph), quote: text.slice(start, end).replace(/\s+/g, " "), draft: null });
}

function onDraftClick(event) {
  const mark = event.target.closest("mark.draft");
  if (!mark || !window.getSelection().isCollapsed) return;
  const draft = state.drafts.quotes[Number(mark.dataset.draft)];
  choose({ source: draft.source, paragraph: draft.paragraph, quote: draft.quote, draft });
  openForm("stance");
}

function choose(picked) {
  selection = picked;
  $("idle").hidden = true;
  $("selection").hidden = false;
  $("sel-where").textContent = `${picked.paragraph} of ${picked.source}`;
  $("sel-quote").textContent = picked.quote;
}

// ---------------------------------------------------------------- forms

function field(name, label, control, optional) {
  const id = `f-${name}`;
  control.id = id;
  control.name = name;
  const caption = el("label", { for: id, text: label });
  if (optional) caption.append(" ", el("span", { class: "opt", text: "(optional)" }));
  return el("div", { class: "field" }, caption, control);
}

const input = (value, type) => el("input", { type: type || "text", value: value ?? "" });
const area = (value) => { const a = el("textarea"); a.value = value ?? ""; return a; };

function select(options, value, blank) {
  const s = el("select");
  if (blank !== undefined) s.append(el("option", { value: "", text: blank }));
  for (const o of options) {
    const [v, t] = Array.isArray(o) ? o : [o, o];
    s.append(el("option", { value: v, text: t, selected: v === value }));
  }
  return s;
}

function multi(options, values) {
  const s = el("select", { multiple: true });
  for (const [v, t] of options) s.append(el("option", { value: v, text: t, selected: values.includes(v) }));
  return s;
}

const actorOptions = () => state.actors.map((a) => [a.id, `${a.name} (${a.id})`]);
const topicOptions = () => state.topics.map((t) => [t.id, `${t.title} (${t.id})`]);
const sourceOf = (id) => state.sources.find((s) => s.id === id);
const needsTranslation = () => selection && sourceOf(selection.source) && primary(sourceOf(selection.source).language) !== primary(state.site_language);
const primary = (code) => String(code || "").split("-")[0].toLowerCase();

function slug(text) {
  return String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 64);
}

function draftActor(id) {
  return state.drafts.actors.find((a) => a.id === id);
}

function citationFields(values) {
  const parts = [field("quote", "Quote, exactly as in the source", area(values.quote ?? (selection ? selection.quote : "")))];
  if (needsTranslation()) parts.push(field("translation", `Translation (${state.site_language})`, area(values.translation)));
  return parts;
}

const FORMS = {
  actor(values) {
    const picked = draftActor(values.draft);
    if (picked && values.name === undefined) values = { ...values, name: picked.name, id: picked.id, kind: picked.kind, aliases: (picked.aliases || []).join("; ") };
    const drafted = state.drafts.actors.filter((a) => !state.actors.some((b) => b.id === a.id));
    const from = select(drafted.map((a) => [a.id, a.name]), values.draft, "— from a drafted actor —");
    from.addEventListener("change", () => { const d = draftActor(from.value); if (d) openForm("actor", { draft: d.id, name: d.name, id: d.id, kind: d.kind, aliases: (d.aliases || []).join("; ") }); });
    const name = input(values.name ?? (selection ? selection.quote : ""));
    const id = input(values.id ?? slug(name.value));
    name.addEventListener("input", () => { id.value = slug(name.value); });
    return [field("draft", "Drafted actor", from, true), field("name", "Name", name), field("id", "Id", id),
      field("kind", "Kind", select(ACTOR_KINDS, values.kind || "person")), field("role", "Role", input(values.role), true),
      field("description", "Description", area(values.description)), field("aliases", "Aliases, as written in the source (separate with ;)", input(values.aliases ?? (selection ? selection.quote : "")), true)];
  },
  topic(values) {
    const title = input(values.title);
    const id = input(values.id ?? "");
    title.addEventListener("input", () => { id.value = slug(title.value); });
    return [field("title", "Title", title), field("id", "Id", id), field("question", "The proposition at stake (supports = backs it)", area(values.question))];
  },
  stance(values) {
    const speaker = selection && selection.draft && selection.draft.speaker;
    const actor = select([...actorOptions(), ["+new", "+ new actor…"]], values.actor ?? speaker ?? "", "— choose —");
    const topic = select([...topicOptions(), ["+new", "+ new question…"]], values.topic ?? "", "— choose —");
    actor.addEventListener("change", () => { if (actor.value === "+new") branch("actor", { draft: speaker && draftActor(speaker) ? speaker : undefined }); });
    topic.addEventListener("change", () => { if (topic.value === "+new") branch("topic", {}); });
    return [field("actor", "Actor", actor), field("topic", "Question", topic),
      el("div", { class: "row" }, field("position", "Position", select(POSITIONS, values.position, "— choose —")), field("option", "Option", input(values.option), true)),
      ...citationFields(values), field("summary", "Summary, one sentence", area(values.summary)),
      el("div", { class: "row" }, field("reported_kind", "Reported by", select(REPORTERS, values.reported_kind || "actor")), field("reported_actor", "Reporting actor", select(actorOptions(), values.reported_actor, "—"), true)),
      field("reported_note", "Attribution words", input(values.reported_note), true),
      field("joint_with", "Held jointly with", multi(actorOptions(), values.joint_with || []), true), field("date", "Date (YYYY-MM-DD)", input(values.date), true)];
  },
  event(values) {
    const date = state.drafts.dates.find((d) => selection && d.source === selection.source && d.paragraph === selection.paragraph) || {};
    const title = input(values.title);
    const id = input(values.id ?? "");
    title.addEventListener("input", () => { id.value = slug(title.value); });
    return [field("title", "Title", title), field("id", "Id", id),
      el("div", { class: "row" }, field("date", "Date", input(values.date ?? date.date ?? ""), true), field("status", "Status", select(STATUSES, values.status ?? (date.planned ? "planned" : "happened")))),
      field("derived", "Date worked out from the words", input(values.derived ?? date.text ?? ""), true),
      el("div", { class: "row" }, field("kind", "Kind", select(EVENT_KINDS, values.kind || "meeting")), field("place", "Place", input(values.place), true)),
      field("actors", "Actors", multi(actorOptions(), values.actors || []), true), ...citationFields(values)];
  },
  figure(values) {
    const drafted = state.drafts.figures.find((f) => selection && f.source === selection.source && f.paragraph === selection.paragraph) || {};
    const label = input(values.label);
    const id = input(values.id ?? "");
    label.addEventListener("input", () => { id.value = slug(label.value); });
    return [field("label", "Label", label), field("id", "Id", id),
      el("div", { class: "row" }, field("value", "Value", input(values.value ?? drafted.value ?? "", "number")), field("unit", "Unit", input(values.unit ?? drafted.unit ?? ""))),
      el("div", { class: "row" }, field("kind", "Kind", select(FIGURE_KINDS, values.kind || "count")), field("approximate", "Approximate", select([["false", "no"], ["true", "yes"]], String(values.approximate ?? (drafted.bound ? drafted.bound !== "exact" : false))))),
      field("measures", "What it measures", area(values.measures)), field("as_of", "As of (YYYY-MM-DD)", input(values.as_of)),
      field("claimed_by", "Claimed by", select(actorOptions(), values.claimed_by, "— established, no one's claim —"), true), ...citationFields(values)];
  },
  evidence(values) {
    const options = state.targets.map((t) => [`${t.file}#${t.index}`, `${t.file.replace(".yaml", "")}: ${t.label}`]);
    return [field("target", "Add to", select(options, values.target, "— choose —")), ...citationFields(values),
      el("div", { class: "row" }, field("cite_kind", "Reported by", select(REPORTERS, values.cite_kind, "— as the record says —"), true), field("cite_actor", "Reporting actor", select(actorOptions(), values.cite_actor, "—"), true)),
      field("cite_note", "Attribution words", input(values.cite_note), true)];
  },
};

function openForm(kind, values) {
  if (!selection && kind !== "actor" && kind !== "topic") { say("error", "Select the words of a paragraph first."); return; }
  current = { kind, resume: current && current.resume };
  $("form-title").textContent = TITLES[kind];
  $("fields").replaceChildren(...FORMS[kind](values || {}));
  $("form").hidden = false;
  $("form").dataset.kind = kind;
  $("form").dataset.digests = JSON.stringify(state.digests);
  const first = $("fields").querySelector("input, select, textarea");
  if (first) first.focus();
}

function branch(kind, values) {
  const resume = { kind: current.kind, values: formValues() };
  openForm(kind, values);
  current.resume = resume;
}

function formValues() {
  const values = {};
  for (const control of $("fields").querySelectorAll("[name]")) {
    values[control.name] = control.multiple ? [...control.selectedOptions].map((o) => o.value) : control.value;
  }
  return values;
}

function citation(v) {
  const reported = v.cite_kind ? { kind: v.cite_kind, actor: v.cite_actor, note: v.cite_note } : null;
  return { source: selection.source, paragraph: selection.paragraph, quote: v.quote, translation: v.translation, reported_by: reported };
}

const BUILD = {
  actor: (v) => ({ id: v.id, name: v.name, kind: v.kind, role: v.role, description: v.description, aliases: v.aliases.split(";").map((s) => s.trim()).filter(Boolean) }),
  topic: (v) => ({ id: v.id, title: v.title, question: v.question }),
  stance: (v) => ({ actor: v.actor, topic: v.topic, position: v.position, option: v.option, summary: v.summary, evidence: [citation(v)],
    reported_by: { kind: v.reported_kind, actor: v.reported_actor, note: v.reported_note }, joint_with: v.joint_with, date: v.date }),
  event: (v) => ({ id: v.id, date: v.date, status: v.status === "happened" ? null : v.status, derived: v.derived && v.date ? { from_text: v.derived } : null,
    place: v.place, kind: v.kind, actors: v.actors, title: v.title, citations: [citation(v)] }),
  figure: (v) => ({ id: v.id, label: v.label, kind: v.kind, value: v.value === "" ? null : Number(v.value), unit: v.unit, approximate: v.approximate === "true" ? true : null,
    measures: v.measures, as_of: v.as_of, claimed_by: v.claimed_by, citations: [citation(v)] }),
};

async function onSave(event) {
  event.preventDefault();
  const kind = current.kind;
  const values = formValues();
  const digests = JSON.parse($("form").dataset.digests);
  let request;
  if (kind === "evidence") {
    const [file, index] = (values.target || "#").split("#");
    request = { file, add_to: index === "" ? null : Number(index), digest: digests[file] || "", record: citation(values) };
  } else {
    request = { file: FILES[kind], digest: digests[FILES[kind]], record: BUILD[kind](values) };
  }
  $("save").disabled = true;
  try {
    const { status, body } = await call("save", request);
    if (status !== 200) { say("error", body.error, body.problems); return; }
    const resume = current.resume;
    await load();
    say("ok", `Saved to ${body.saved}, line ${body.line}. The preview is rebuilding: `, null, body.shown_at);
    if (resume) {
      const key = kind === "actor" ? "actor" : "topic";
      current = null;
      openForm(resume.kind, { ...resume.values, [key]: request.record.id });
    } else {
      $("form").hidden = true;
      current = null;
    }
  } finally {
    $("save").disabled = false;
  }
}

function say(cls, message, problems, link) {
  const box = $("outcome");
  const line = el("p", { class: cls, text: message });
  if (link !== undefined) line.append(el("a", { href: `../${link}`, target: "preview", text: "see it there" }));
  box.replaceChildren(line);
  if (problems && problems.length) box.append(problemList(problems));
  box.scrollIntoView({ block: "nearest" });
}

function problemList(problems) {
  const list = el("ol", { class: "problems" });
  for (const p of problems) {
    const item = el("li", { class: "problem" }, el("code", { text: p.where }), document.createTextNode(` ${p.key_path} [${p.rule}] ${p.message}`));
    if (p.hint) item.append(el("br"), el("span", { class: "fix", text: `fix: ${p.hint}` }));
    list.append(item);
  }
  return list;
}

document.addEventListener("DOMContentLoaded", () => {
  $("sources").addEventListener("mouseup", () => setTimeout(onSelect, 0));
  $("sources").addEventListener("keyup", (e) => { if (e.shiftKey) onSelect(); });
  // A touch screen selects by long press and handles, with no mouseup: follow the selection once it settles.
  let settle = 0;
  document.addEventListener("selectionchange", () => { clearTimeout(settle); settle = setTimeout(onSelect, 400); });
  $("sources").addEventListener("click", onDraftClick);
  for (const button of document.querySelectorAll(".make button")) button.addEventListener("click", () => { current = null; openForm(button.dataset.kind); });
  $("form").addEventListener("submit", onSave);
  $("cancel").addEventListener("click", () => { $("form").hidden = true; current = null; });
  load();
});
