// The letter page: a value and its box highlight together; the keyboard walks the values and saves corrections.
// Every write sends the page's token and the correction version the page showed (a later save by someone else
// is refused with 409 and reported here, never silently overwritten).
(function () {
  const data = JSON.parse(document.getElementById("data").textContent);
  const writable = Boolean(data.token);
  const rows = Array.from(document.querySelectorAll(".value[data-path]"));
  let at = -1;

  const same = (path) => document.querySelectorAll(`[data-path="${CSS.escape(path)}"]`);
  function select(index, scroll) {
    document.querySelectorAll(".selected").forEach((e) => e.classList.remove("selected"));
    at = index;
    const row = rows[at];
    if (!row) return;
    same(row.dataset.path).forEach((e) => {
      e.classList.add("selected");
      if (scroll) e.scrollIntoView({block: "nearest"});
    });
    history.replaceState(null, "", "#" + row.dataset.path);
  }
  const indexOf = (path) => rows.findIndex((r) => r.dataset.path === path);
  document.querySelectorAll("[data-path]").forEach((e) => {
    e.addEventListener("mouseenter", () => same(e.dataset.path).forEach((x) => x.classList.add("hover")));
    e.addEventListener("mouseleave", () => same(e.dataset.path).forEach((x) => x.classList.remove("hover")));
    e.addEventListener("click", () => select(indexOf(e.dataset.path), true));
  });

  function say(text) {
    const box = document.getElementById("message");
    box.textContent = text;
    box.hidden = false;
  }
  async function save(body) {
    const who = document.getElementById("who");
    const note = document.getElementById("note");
    const response = await fetch(`/letter/${encodeURIComponent(data.letter_id)}/corrections`, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-Edaran-Token": data.token},
      body: JSON.stringify({...body, version: data.version, who: who ? who.value : "", note: note ? note.value : ""}),
    });
    const answer = await response.json();
    if (!response.ok) { say(answer.error); return false; }
    data.version = answer.version;
    if (note) note.value = "";
    return true;
  }
  async function saveAndReload(body) {
    if (await save(body)) location.reload();
  }

  function item(row) { return {label: row.dataset.label, text: row.dataset.value}; }
  function edit(row) {
    if (!writable || !row || (row.dataset.kind === "scalar" && !row.dataset.editable) || row.dataset.kind === "citation") return;
    const text = row.querySelector(".text");
    const input = document.createElement("input");
    input.className = "editing";
    input.value = row.dataset.value;
    input.setAttribute("aria-label", "new value of " + row.dataset.path);
    text.replaceChildren(input);
    input.focus();
    input.select();
    input.addEventListener("keydown", (e) => {
      e.stopPropagation();
      if (e.key === "Escape") { text.textContent = row.dataset.value; row.focus(); }
      if (e.key !== "Enter") return;
      e.preventDefault();
      const value = input.value.trim();
      if (value === row.dataset.value) { text.textContent = value; return; }
      if (row.dataset.kind === "scalar") {
        saveAndReload({field: row.dataset.path, before: row.dataset.value || null, after: value || null});
      } else {
        saveAndReload({field: row.dataset.list, before: item(row),
                       after: {kind: row.dataset.list, label: row.dataset.label, text: value}});
      }
    });
  }
  function move(row) {
    if (!writable || !row || row.dataset.kind !== "item") return;
    const order = ["prohibitions", "obligations", "neither"];
    const to = order[(order.indexOf(row.dataset.list) + 1) % order.length];
    saveAndReload({field: row.dataset.list, before: item(row), after: {kind: to, ...item(row)}});
  }
  function remove(row) {
    if (!writable || !row) return;
    if (row.dataset.kind === "item") saveAndReload({field: row.dataset.list, before: item(row), after: null});
    if (row.dataset.kind === "citation") saveAndReload({field: "citations", before: JSON.parse(row.dataset.citation), after: null});
  }
  async function accept() {
    if (!writable) return;
    if (await save({field: "reviewed", before: null, after: true})) go("next");
  }
  const go = (way) => { if (writable) location.href = `/letter/${encodeURIComponent(data.letter_id)}/${way}`; };

  const accepting = document.getElementById("accept");
  if (accepting) accepting.addEventListener("click", accept);
  const addItem = document.getElementById("add-item");
  if (addItem) addItem.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(addItem);
    saveAndReload({field: f.get("kind"), before: null, after: {kind: f.get("kind"), label: f.get("label"), text: f.get("text")}});
  });
  const addCitation = document.getElementById("add-citation");
  if (addCitation) addCitation.addEventListener("submit", (e) => {
    e.preventDefault();
    const f = new FormData(addCitation);
    const year = parseInt(f.get("year"), 10);
    saveAndReload({field: "citations", before: null,
                   after: {kind: f.get("kind"), number: f.get("number"), year: Number.isNaN(year) ? null : year}});
  });

  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, select, textarea") || e.ctrlKey || e.metaKey || e.altKey) return;
    const keys = {
      j: () => select(Math.min(at + 1, rows.length - 1), true), ArrowDown: () => select(Math.min(at + 1, rows.length - 1), true),
      k: () => select(Math.max(at - 1, 0), true), ArrowUp: () => select(Math.max(at - 1, 0), true),
      e: () => edit(rows[at]), Enter: () => edit(rows[at]), m: () => move(rows[at]), x: () => remove(rows[at]),
      Delete: () => remove(rows[at]), a: accept, n: () => go("next"), p: () => go("previous"),
    };
    if (!keys[e.key]) return;
    e.preventDefault();
    keys[e.key]();
  });
  const start = indexOf(decodeURIComponent(location.hash.slice(1)));
  select(start >= 0 ? start : 0, start >= 0);
})();
