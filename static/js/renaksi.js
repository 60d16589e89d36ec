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
