// Open the editor panel for a clicked matrix cell without leaving the page; the links
// still work as plain links when scripts are off.
document.addEventListener("click", function (event) {
  var link = event.target.closest("#matrix a.ed, #matrix a.add, a[data-panel]");
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey || !window.htmx) return;
  event.preventDefault();
  openEditor(link.getAttribute("href"));
});

function openEditor(url) {
  var editor = document.getElementById("editor");
  fetch(url, { headers: { "HX-Request": "true" }, credentials: "same-origin" })
    .then(function (response) { return response.text(); })
    .then(function (html) {
      editor.innerHTML = html;
      htmx.process(editor);
      var first = editor.querySelector("textarea, input:not([type=hidden]), button");
      if (first) first.focus();
    });
}

// Escape closes the editor panel.
document.addEventListener("keydown", function (event) {
  var editor = document.getElementById("editor");
  if (event.key === "Escape" && editor && editor.innerHTML.trim()) editor.innerHTML = "";
});

// A menu marked data-submit-on-change (the language menu) sends its form when a choice is made.
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-submit-on-change]")) event.target.form.submit();
});
