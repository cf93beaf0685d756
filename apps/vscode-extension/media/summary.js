// Sorting and filtering of the findings table in the scan summary view. Local, no dependencies.
(() => {
  const table = document.getElementById("findings");
  if (!table) return;
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const filter = document.getElementById("filter");
  const severity = document.getElementById("severity");
  const shown = document.getElementById("shown");

  function apply() {
    const text = filter.value.trim().toLowerCase();
    const level = severity.value;
    let n = 0;
    for (const row of rows) {
      const visible =
        (!level || row.dataset.severity === level) && (!text || row.textContent.toLowerCase().includes(text));
      row.hidden = !visible;
      if (visible) n++;
    }
    shown.textContent = `${n} of ${rows.length} shown`;
  }

  function sortBy(th) {
    const index = Array.from(th.parentElement.children).indexOf(th);
    const ascending = th.getAttribute("aria-sort") !== "ascending";
    for (const other of th.parentElement.children) other.removeAttribute("aria-sort");
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    const key = (row) =>
      th.dataset.sort === "rank"
        ? Number(row.dataset.rank) * 100 - Number(row.dataset.score)
        : row.cells[index].textContent.trim().toLowerCase();
    rows.sort((a, b) => {
      const x = key(a);
      const y = key(b);
      const c = typeof x === "number" ? x - y : x.localeCompare(y, undefined, { numeric: true });
      return ascending ? c : -c;
    });
    for (const row of rows) body.appendChild(row);
  }

  for (const th of table.tHead.rows[0].cells) {
    th.tabIndex = 0;
    th.addEventListener("click", () => sortBy(th));
    th.addEventListener("keydown", (e) => {
      if (e.key === "Enter" || e.key === " ") sortBy(th);
    });
  }
  filter.addEventListener("input", apply);
  severity.addEventListener("change", apply);
  apply();
})();
