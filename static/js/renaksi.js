// The matrix's text cells and the editor's links open in the editor panel through htmx's
// boost (hx-boost on the workspace); without scripts they are plain links. After a swap the
// panel's first field takes the focus, so typing can start at once.
document.addEventListener("htmx:afterSwap", function (event) {
  if (event.detail.target.id !== "editor") return;
  var first = event.detail.target.querySelector("textarea, input:not([type=hidden]), button");
  if (first) first.focus();
});

// "Tutup" and "Batal" close the panel in place (they are links back to the page otherwise).
document.addEventListener("click", function (event) {
  var close = event.target.closest("#editor a[data-close]");
  if (!close || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  document.getElementById("editor").innerHTML = "";
});

// Escape closes the editor panel.
document.addEventListener("keydown", function (event) {
  var editor = document.getElementById("editor");
  if (event.key === "Escape" && editor && editor.innerHTML.trim()) editor.innerHTML = "";
});

// A menu marked data-submit-on-change (the language menu) sends its form when a choice is made.
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-submit-on-change]")) event.target.form.submit();
});

// Month cells (plans/matrix_html.py) are bare cells: a line's row says where its January is
// (data-m) and the table where to post (data-url). One button moves to the cell in use, so the
// months are one tab stop; the arrow keys, Home and End move it (a roving focus), Enter or
// Space toggles, and it tells a screen reader the month, the line and whether it is scheduled.
(function () {
  var button = document.createElement("button");
  button.type = "button";
  button.className = "month";
  var last = null; // [line, month] of the cell the button was in, kept across matrix swaps

  function first(row) { return Number(row.dataset.m); }
  function monthOf(cell) {
    var row = cell.parentElement;
    if (!row.dataset.m) return 0;
    var month = cell.cellIndex - first(row) + 1;
    return month >= 1 && month <= 12 ? month : 0;
  }
  function cellAt(row, month) { return row && row.dataset.m ? row.cells[first(row) + month - 1] : null; }
  function lineOf(row) { return row.id.replace("baris-", ""); }

  function place(cell, focus) {
    var row = cell.parentElement;
    var names = (row.closest("table").dataset.months || "").split(",");
    var month = monthOf(cell);
    var text = first(row) > 0 ? row.cells[first(row) - 1].textContent.trim() : "";
    button.setAttribute("aria-pressed", cell.classList.contains("on") ? "true" : "false");
    button.setAttribute("aria-label", (names[month - 1] || month) + (text ? " · " + text : ""));
    if (button.parentElement !== cell) cell.appendChild(button);
    last = [lineOf(row), month];
    if (focus) button.focus();
  }

  function settle() {
    if (document.contains(button)) return;
    var table = document.querySelector("table.matrix[data-url]");
    if (!table) return;
    var row = last && document.getElementById("baris-" + last[0]);
    var cell = cellAt(row, last ? last[1] : 1) || cellAt(table.querySelector("tr[data-m]"), 1);
    if (cell) place(cell, false);
  }
  document.addEventListener("DOMContentLoaded", settle);
  document.addEventListener("htmx:afterSettle", settle);

  function show(cell, on) {
    cell.classList.toggle("on", on);
    if (button.parentElement === cell) button.setAttribute("aria-pressed", String(on));
  }

  // The cell shows the new state at once and asks for it explicitly; htmx sends a cell's
  // requests one after another (the last click wins), so quick clicks end where they look.
  function toggle(cell) {
    var row = cell.parentElement;
    var on = !cell.classList.contains("on");
    show(cell, on);
    htmx.ajax("POST", row.closest("table").dataset.url, {
      source: cell,
      swap: "none",
      values: { bulan: lineOf(row) + ":" + monthOf(cell) + ":" + (on ? 1 : 0) },
    });
  }

  // The server answers with the saved state (plans/views/nodes.py month_toggle) ...
  document.addEventListener("bulanDisimpan", function (event) {
    var cell = cellAt(document.getElementById("baris-" + event.detail.line), event.detail.month);
    if (cell) show(cell, event.detail.on);
  });
  // ... or refuses (the plan was submitted meanwhile, the session ended): the cell goes back.
  document.addEventListener("htmx:afterRequest", function (event) {
    var cell = event.detail.elt;
    if (event.detail.successful || !cell.matches("table.matrix[data-url] td")) return;
    if (monthOf(cell)) show(cell, !cell.classList.contains("on"));
  });

  document.addEventListener("click", function (event) {
    var cell = event.target.closest("table.matrix[data-url] td");
    if (!cell || event.target.closest("a")) return;
    var row = cell.parentElement;
    if (monthOf(cell)) {
      place(cell, true);
      toggle(cell);
      return;
    }
    // A line's cells after its one link open the same editor.
    var link = row.querySelector("a.ed[href*='/baris/']");
    if (link && link.closest("td").cellIndex < cell.cellIndex) link.click();
  });

  document.addEventListener("mouseover", function (event) {
    var cell = event.target.closest && event.target.closest("table.matrix[data-url] td");
    if (cell && document.activeElement !== button && monthOf(cell)) place(cell, false);
  });

  var moves = { ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowUp: [-1, 0], ArrowDown: [1, 0] };
  button.addEventListener("keydown", function (event) {
    var cell = button.parentElement, row = cell.parentElement, month = monthOf(cell);
    var target = null;
    if (event.key === "Home") target = cellAt(row, 1);
    else if (event.key === "End") target = cellAt(row, 12);
    else if (moves[event.key]) {
      var step = moves[event.key];
      if (step[1]) target = cellAt(row, Math.min(12, Math.max(1, month + step[1])));
      else {
        var next = row;
        do next = step[0] < 0 ? next.previousElementSibling : next.nextElementSibling;
        while (next && !next.dataset.m);
        target = cellAt(next, month);
      }
    }
    if (!target) return;
    event.preventDefault();
    place(target, true);
  });
})();
