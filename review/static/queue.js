// The queue by keyboard: j/k move the selection, Enter opens the selected letter.
(function () {
  const rows = Array.from(document.querySelectorAll("tr.entry"));
  let at = 0;
  function mark() {
    rows.forEach((r, i) => r.classList.toggle("selected", i === at));
    if (rows[at]) rows[at].scrollIntoView({block: "nearest"});
  }
  document.addEventListener("keydown", (e) => {
    if (e.target.closest("input, select, textarea")) return;
    if (e.key === "j" || e.key === "ArrowDown") at = Math.min(at + 1, rows.length - 1);
    else if (e.key === "k" || e.key === "ArrowUp") at = Math.max(at - 1, 0);
    else if (e.key === "Enter" && rows[at]) { location.href = rows[at].dataset.href; return; }
    else return;
    e.preventDefault();
    mark();
  });
  mark();
})();
